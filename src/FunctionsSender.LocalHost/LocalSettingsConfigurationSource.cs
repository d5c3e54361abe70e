using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Serves the <c>Values</c> (and <c>ConnectionStrings</c>) of local.settings.json as configuration, the way Core Tools
/// turns them into app settings. <c>__</c> in a key becomes the <c>:</c> section separator, as for environment variables.
/// </summary>
public sealed class LocalSettingsConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(Path);
}

internal sealed class LocalSettingsConfigurationProvider(string path) : ConfigurationProvider
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), DocumentOptions);
            if (HostJsonSettings.Property(document.RootElement, "Values") is { ValueKind: JsonValueKind.Object } values)
            {
                foreach (var property in values.EnumerateObject())
                {
                    data[ToConfigurationKey(property.Name)] = ToValue(property.Value);
                }
            }

            if (HostJsonSettings.Property(document.RootElement, "ConnectionStrings") is { ValueKind: JsonValueKind.Object } connectionStrings)
            {
                foreach (var property in connectionStrings.EnumerateObject())
                {
                    data["ConnectionStrings:" + ToConfigurationKey(property.Name)] = ToValue(property.Value);
                }
            }
        }

        Data = data;
    }

    private static string ToConfigurationKey(string key) => key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    // Core Tools expects strings, but a number or boolean typed without quotes should not be lost.
    private static string? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
