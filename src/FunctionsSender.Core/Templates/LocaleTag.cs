using System.Text.RegularExpressions;

namespace FunctionsSender.Core.Templates;

/// <summary>BCP-47 tags as templates and requests use them; <c>en_US</c> and <c>EN-us</c> both become <c>en-US</c>.</summary>
public static partial class LocaleTag
{
    public const string Default = "default";

    public static bool TryNormalize(string? value, out string tag)
    {
        tag = "";
        if (value is null)
        {
            return false;
        }

        if (string.Equals(value, Default, StringComparison.OrdinalIgnoreCase))
        {
            tag = Default;
            return true;
        }

        if (!TagPattern().IsMatch(value))
        {
            return false;
        }

        var parts = value.Replace('_', '-').Split('-');
        parts[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            // Region subtags are upper case (US), script subtags title case (Latn), others lower case.
            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }

        tag = string.Join('-', parts);
        return true;
    }

    /// <summary>The lookup chain at dispatch: exact (<c>fr-CA</c>) → language (<c>fr</c>) → <c>default</c>.</summary>
    public static IReadOnlyList<string> FallbackChain(string? locale)
    {
        if (locale is null || !TryNormalize(locale, out var tag) || tag == Default)
        {
            return [Default];
        }

        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? [tag, Default] : [tag, tag[..dash], Default];
    }

    [GeneratedRegex("^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
