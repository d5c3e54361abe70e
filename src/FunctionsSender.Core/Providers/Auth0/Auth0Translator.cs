using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;
using FunctionsSender.Core.Validation;

namespace FunctionsSender.Core.Providers.Auth0;

/// <summary>
/// Translates what the Auth0 custom-phone-provider Action forwards — <c>event.notification</c>, bare or wrapped as
/// <c>{"notification":{…}}</c> — into the native request (CONTRACT §3.6). <c>recipient</c> is the number,
/// <c>delivery_method</c> <c>text</c>/<c>voice</c> the channel, <c>code</c> the variable <c>otp</c>, <c>locale</c>
/// (<c>en_US</c>) the locale. <c>message_type</c> (<c>otp_verify</c>, …) selects our template when one exists for that
/// type, channel and locale; otherwise Auth0's own text (<c>as_text</c> for text, <c>as_voice</c> for voice) is sent as
/// the JSON object <c>{"OTP":"&lt;code&gt;","message":"&lt;text&gt;"}</c> (Studio needs a JSON object as <c>Parameters</c>;
/// <c>OTP</c> is left out for message types without a code). Error paths use Auth0's field names, unprefixed.
/// </summary>
public sealed class Auth0Translator(NotificationRequestValidator validator, ITemplateDirectory templates)
{
    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string> CommonFields = new(StringComparer.Ordinal)
    {
        ["to"] = "recipient",
        ["channel"] = "delivery_method",
        ["locale"] = "locale",
        ["template"] = "message_type",
        ["variables.otp"] = "code",
    };

    public static readonly ProviderFieldMap TextFields = new(new Dictionary<string, string>(CommonFields) { ["message"] = "as_text" });

    public static readonly ProviderFieldMap VoiceFields = new(new Dictionary<string, string>(CommonFields) { ["message"] = "as_voice" });

    public async Task<ProviderTranslation> TranslateAsync(string senderId, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (body.ValueKind == JsonValueKind.Object && !body.TryGetProperty("recipient", out _)
            && body.TryGetProperty("notification", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
        {
            body = wrapped;
        }

        if (!JsonObjectReader.TryCreate(body, "", errors, out var notification))
        {
            return new ProviderTranslation(null, errors, TextFields);
        }

        var native = new JsonObject { ["senderId"] = senderId };
        if (notification.ReadString("recipient", required: true, maxLength: 32) is { } recipient)
        {
            native["to"] = recipient;
        }

        var method = notification.ReadString("delivery_method", required: true, maxLength: 16);
        NotificationChannel? channel = method?.Trim().ToLowerInvariant() switch
        {
            "text" or "sms" => NotificationChannel.Sms,
            "voice" => NotificationChannel.Voice,
            _ => null,
        };
        if (method is not null && channel is null)
        {
            errors.Add("delivery_method", "Must be 'text' or 'voice'.");
        }

        var fields = channel == NotificationChannel.Voice ? VoiceFields : TextFields;
        if (channel is not null)
        {
            native["channel"] = channel.Value.ToWire();
        }

        var code = notification.ReadString("code", maxLength: NotificationRequestValidator.MaxVariableLength);
        var variables = new JsonObject();
        if (!string.IsNullOrEmpty(code))
        {
            variables["otp"] = code;
        }

        native["variables"] = variables;
        var localeText = notification.ReadString("locale", maxLength: 35);
        if (!string.IsNullOrWhiteSpace(localeText))
        {
            native["locale"] = localeText.Trim();
        }

        var messageType = notification.ReadString("message_type", maxLength: 64);
        var asText = notification.ReadString("as_text", maxLength: NotificationRequestValidator.MaxMessageLength);
        var asVoice = notification.ReadString("as_voice", maxLength: NotificationRequestValidator.MaxMessageLength);
        var from = RequestedOrigination.Normalize(notification.ReadString("from", maxLength: 32));

        if (channel is { } known && errors.IsEmpty && messageType is not null
            && NotificationRequestValidator.TemplateTypePattern().IsMatch(messageType)
            && await templates.ExistsAsync(messageType, known, NormalizedLocale(localeText), cancellationToken))
        {
            native["template"] = messageType;
            return ProviderTranslation.Validate(validator, native, errors, fields, from);
        }

        var text = channel == NotificationChannel.Voice ? asVoice : asText;
        var textField = channel == NotificationChannel.Voice ? "as_voice" : "as_text";
        if (string.IsNullOrEmpty(text))
        {
            if (!errors.Contains(textField))
            {
                errors.Add(textField, messageType is null
                    ? "Is required."
                    : $"Is required: no '{messageType}' template exists for this channel and locale.");
            }

            // Keeps the native validator from reporting the same absence as 'template'.
            native["message"] = "-";
        }
        else
        {
            native["message"] = WrapMessage(code, text);
        }

        return ProviderTranslation.Validate(validator, native, errors, fields, from);
    }

    /// <summary><c>{"OTP":"&lt;code&gt;","message":"&lt;text&gt;"}</c>, without <c>OTP</c> when there is no code.</summary>
    public static string WrapMessage(string? code, string text)
    {
        var message = new JsonObject();
        if (!string.IsNullOrEmpty(code))
        {
            message["OTP"] = code;
        }

        message["message"] = text;
        return message.ToJsonString(MessageJson);
    }

    private static string? NormalizedLocale(string? locale) =>
        LocaleTag.TryNormalize(locale?.Trim(), out var tag) && tag != LocaleTag.Default ? tag : null;
}
