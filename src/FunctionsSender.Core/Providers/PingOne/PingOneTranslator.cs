using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Validation;

namespace FunctionsSender.Core.Providers.PingOne;

/// <summary>
/// Translates what a PingOne custom provider posts (CONTRACT §3.6) into the native request. The body is a form or
/// JSON with the keys the administrator configured: <c>to</c> and <c>message</c> (required), <c>from</c>, <c>otp</c>,
/// <c>locale</c>, <c>user.username</c>, <c>user.name.given</c>, <c>user.name.family</c>. Keys match case-insensitively,
/// and <c>Parameters</c> (the key of PingOne's Twilio Studio guide) is read as <c>message</c>, so an existing Studio
/// configuration only needs its URL and authorization changed. Other keys are ignored.
/// </summary>
public sealed class PingOneTranslator(NotificationRequestValidator validator)
{
    public static readonly ProviderFieldMap Fields = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["variables.otp"] = "otp",
        ["variables.user.username"] = "user.username",
        ["variables.user.name.given"] = "user.name.given",
        ["variables.user.name.family"] = "user.name.family",
    });

    private static readonly string[] VariableKeys = ["otp", "user.username", "user.name.given", "user.name.family"];

    /// <param name="senderId">From the route.</param>
    /// <param name="body">The posted keys and values (form fields, or <see cref="FlattenJson"/> of a JSON body).</param>
    /// <param name="channel"><c>?channel=</c>: <c>sms</c> (default) or <c>voice</c>.</param>
    /// <param name="template"><c>?template=</c>: render our template from the posted values instead of passing <c>message</c> through.</param>
    public ProviderTranslation Translate(string senderId, IEnumerable<KeyValuePair<string, string>> body, string? channel, string? template)
    {
        var errors = new ValidationErrors();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rawKey, value) in body)
        {
            var key = rawKey.Equals("parameters", StringComparison.OrdinalIgnoreCase) || rawKey.Equals("parameter", StringComparison.OrdinalIgnoreCase)
                ? "message"
                : rawKey;
            if (!fields.TryAdd(key, value))
            {
                errors.Add(key.ToLowerInvariant(), "Give one value only.");
            }
        }

        var native = new JsonObject { ["senderId"] = senderId, ["channel"] = string.IsNullOrWhiteSpace(channel) ? "sms" : channel.Trim().ToLowerInvariant() };
        if (fields.TryGetValue("to", out var to))
        {
            native["to"] = to;
        }

        fields.TryGetValue("message", out var message);
        if (string.IsNullOrEmpty(message))
        {
            // PingOne's custom provider always sends ${message}; without it the provider is misconfigured.
            errors.Add("message", "Is required.");
        }

        if (template is not null)
        {
            native["template"] = template;
        }
        else if (!string.IsNullOrEmpty(message))
        {
            var repaired = LeadingZeroJsonRepair.Repair(message);
            if (repaired.AsSpan().TrimStart().StartsWith("{") && !IsJsonObject(repaired))
            {
                // A notification template meant as JSON (Studio's Parameters must be a JSON object) that even the
                // leading-zero repair cannot make valid: refuse it now rather than have Studio refuse it later.
                errors.Add("message", "Looks like JSON but is not a valid JSON object, even after quoting leading-zero numbers.");
            }
            else
            {
                native["message"] = repaired;
            }
        }

        if (fields.TryGetValue("locale", out var locale) && !string.IsNullOrWhiteSpace(locale))
        {
            native["locale"] = locale.Trim();
        }

        var variables = new JsonObject();
        foreach (var name in VariableKeys)
        {
            if (fields.TryGetValue(name, out var value))
            {
                variables[name] = value;
            }
        }

        native["variables"] = variables;
        fields.TryGetValue("from", out var from);
        return ProviderTranslation.Validate(validator, native, errors, Fields, RequestedOrigination.Normalize(from));
    }

    /// <summary>
    /// The key/value pairs of a JSON body: strings as they are, numbers and booleans as their JSON text, nested objects
    /// flattened with dots (<c>{"user":{"username":"a"}}</c> → <c>user.username</c>), nulls skipped; arrays are refused.
    /// </summary>
    public static List<KeyValuePair<string, string>> FlattenJson(JsonElement body, ValidationErrors errors)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "Must be a JSON object.");
            return pairs;
        }

        Flatten(body, "", pairs, errors);
        return pairs;
    }

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> pairs, ValidationErrors errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    pairs.Add(new(key, property.Value.GetString()!));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    pairs.Add(new(key, property.Value.GetRawText()));
                    break;
                case JsonValueKind.Object:
                    Flatten(property.Value, key + ".", pairs, errors);
                    break;
                case JsonValueKind.Array:
                    errors.Add(key, "Must be a string.");
                    break;
            }
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
