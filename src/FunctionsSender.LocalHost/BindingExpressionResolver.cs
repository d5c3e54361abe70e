using System.Text;
using Microsoft.Extensions.Configuration;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Resolves <c>%Setting%</c> binding expressions in attribute values (queue names) from configuration, as the
/// Functions host's name resolver does. An unresolved setting is a start-up error: silently polling a queue literally
/// named "%Foo%" would hide the misconfiguration.
/// </summary>
public static class BindingExpressionResolver
{
    public static string Resolve(string expression, IConfiguration configuration, string functionName)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(configuration);

        var result = new StringBuilder();
        var position = 0;
        while (position < expression.Length)
        {
            var start = expression.IndexOf('%', position);
            if (start < 0)
            {
                result.Append(expression, position, expression.Length - position);
                break;
            }

            var end = expression.IndexOf('%', start + 1);
            if (end < 0)
            {
                throw new InvalidOperationException(
                    $"Function '{functionName}': the binding expression '{expression}' has an unmatched '%'.");
            }

            result.Append(expression, position, start - position);
            var settingName = expression.Substring(start + 1, end - start - 1);
            result.Append(Lookup(settingName, configuration, functionName, expression));
            position = end + 1;
        }

        return result.ToString();
    }

    private static string Lookup(string settingName, IConfiguration configuration, string functionName, string expression)
    {
        // App settings written as environment variables use "__" for ":"; accept either spelling in the expression.
        var key = settingName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"Function '{functionName}': the binding expression '{expression}' refers to the app setting '{settingName}', which is not set. " +
                $"Set it in local.settings.json Values, as the environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}', or on the command line.");
        }

        return value;
    }
}
