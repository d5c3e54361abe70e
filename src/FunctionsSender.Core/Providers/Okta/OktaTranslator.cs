using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Providers.Okta;

/// <summary>
/// Translates Okta's telephony inline hook request (CONTRACT §3.6) into the native request:
/// <c>data.messageProfile</c> gives the number (with or without <c>+</c>), the channel (<c>SMS</c>, <c>CALL</c>,
/// <c>voice call</c>, <c>voice</c>, in any case), the code, its expiry and the locale (<c>EN-US</c>);
/// <c>data.userProfile</c> gives the variables <c>user.username</c> (login), <c>user.name.given</c> and
/// <c>user.name.family</c>. The message comes from our template <c>?template=</c> when given, else from template
/// <c>okta_&lt;request type&gt;</c> (e.g. <c>okta_mfa_verification</c>) when one exists, else it is the JSON object
/// <c>{"OTP":"&lt;code&gt;","message":"&lt;msgTemplate&gt;"}</c> (Studio needs a JSON object as <c>Parameters</c>).
/// </summary>
public sealed class OktaTranslator(
    NotificationRequestValidator validator,
    ITemplateDirectory templates,
    IOptions<FunctionsSenderOptions> options,
    TimeProvider clock)
{
    private const string Profile = "data.messageProfile";
    private const string User = "data.userProfile";
    private const string RequestTypePrefix = "com.okta.user.telephony.";

    public static readonly ProviderFieldMap Fields = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["to"] = $"{Profile}.phoneNumber",
        ["channel"] = $"{Profile}.deliveryChannel",
        ["locale"] = $"{Profile}.locale",
        ["message"] = $"{Profile}.msgTemplate",
        ["expiresInSeconds"] = $"{Profile}.otpExpires",
        ["variables.otp"] = $"{Profile}.otpCode",
        ["variables.user.username"] = $"{User}.login",
        ["variables.user.name.given"] = $"{User}.firstName",
        ["variables.user.name.family"] = $"{User}.lastName",
    });

    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The template type Okta requests use by default: <c>okta_mfa_verification</c> for <c>com.okta.user.telephony.mfa-verification</c>.</summary>
    public static string? DefaultTemplateFor(string? requestType)
    {
        if (requestType is null || !requestType.StartsWith(RequestTypePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var type = "okta_" + requestType[RequestTypePrefix.Length..].Replace('-', '_').ToLowerInvariant();
        return NotificationRequestValidator.TemplateTypePattern().IsMatch(type) ? type : null;
    }

    public async Task<ProviderTranslation> TranslateAsync(string senderId, JsonElement body, string? template, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!JsonObjectReader.TryCreate(body, "", errors, out var root))
        {
            return new ProviderTranslation(null, errors, Fields);
        }

        var requestType = root.ReadString("requestType", maxLength: 128);
        var data = root.ReadObject("data", required: true);
        var profile = data?.ReadObject("messageProfile", required: true);
        var user = data?.ReadObject("userProfile");

        var native = new JsonObject { ["senderId"] = senderId };
        var variables = new JsonObject();
        native["variables"] = variables;
        if (profile is not { } messageProfile)
        {
            return new ProviderTranslation(null, errors, Fields);
        }

        if (messageProfile.ReadString("phoneNumber", required: true, maxLength: 32) is { } phone)
        {
            native["to"] = phone;
        }

        var channelText = messageProfile.ReadString("deliveryChannel", required: true, maxLength: 32);
        NotificationChannel? channel = null;
        if (channelText is not null)
        {
            channel = ParseChannel(channelText);
            if (channel is null)
            {
                errors.Add($"{Profile}.deliveryChannel", "Must be 'SMS', 'CALL' or 'voice call'.");
            }
            else
            {
                native["channel"] = channel.Value.ToWire();
            }
        }

        var code = messageProfile.ReadString("otpCode", required: true, maxLength: NotificationRequestValidator.MaxVariableLength);
        if (code is not null)
        {
            variables["otp"] = code;
        }

        ReadExpiry(messageProfile, native, errors);

        var localeText = messageProfile.ReadString("locale", maxLength: 35);
        if (!string.IsNullOrWhiteSpace(localeText))
        {
            native["locale"] = localeText.Trim();
        }

        var msgTemplate = messageProfile.ReadString("msgTemplate", maxLength: NotificationRequestValidator.MaxMessageLength);
        if (user is { } userProfile)
        {
            AddVariable(variables, "user.username", userProfile.ReadString("login", maxLength: NotificationRequestValidator.MaxVariableLength));
            AddVariable(variables, "user.name.given", userProfile.ReadString("firstName", maxLength: NotificationRequestValidator.MaxVariableLength));
            AddVariable(variables, "user.name.family", userProfile.ReadString("lastName", maxLength: NotificationRequestValidator.MaxVariableLength));
        }

        // Until a template is chosen, the message is the fallback (so shape errors are reported all at once).
        native["message"] = FallbackMessage(code ?? "", msgTemplate);
        if (!errors.IsEmpty || channel is null || code is null)
        {
            return ProviderTranslation.Validate(validator, native, errors, Fields);
        }

        var locale = LocaleTag.TryNormalize(localeText?.Trim(), out var tag) && tag != LocaleTag.Default ? tag : null;
        var defaultTemplate = DefaultTemplateFor(requestType);
        var chosen = template
                     ?? (defaultTemplate is not null && await templates.ExistsAsync(defaultTemplate, channel.Value, locale, cancellationToken)
                         ? defaultTemplate
                         : null);
        if (chosen is not null)
        {
            native.Remove("message");
            native["template"] = chosen;
        }

        return ProviderTranslation.Validate(validator, native, errors, Fields);
    }

    /// <summary><c>SMS</c> → sms; <c>CALL</c>, <c>voice call</c>, <c>voice</c> → voice; any case, surrounding blanks ignored.</summary>
    public static NotificationChannel? ParseChannel(string value) =>
        value.Trim().ToLowerInvariant() switch
        {
            "sms" => NotificationChannel.Sms,
            "call" or "voice call" or "voice" or "voicecall" or "voice_call" => NotificationChannel.Voice,
            _ => null,
        };

    /// <summary>
    /// The message when no template applies: a JSON object (Studio's <c>Parameters</c> must be one) with the code as a
    /// string and Okta's rendered message text; <c>${code}</c> or <c>${otp}</c> left in that text are replaced by the code.
    /// </summary>
    public static string FallbackMessage(string code, string? msgTemplate)
    {
        var message = new JsonObject { ["OTP"] = code };
        if (!string.IsNullOrEmpty(msgTemplate))
        {
            message["message"] = msgTemplate.Replace("${code}", code, StringComparison.Ordinal).Replace("${otp}", code, StringComparison.Ordinal);
        }

        return message.ToJsonString(MessageJson);
    }

    private void ReadExpiry(JsonObjectReader profile, JsonObject native, ValidationErrors errors)
    {
        var text = profile.ReadString("otpExpires", maxLength: 64);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var expires))
        {
            errors.Add($"{Profile}.otpExpires", "Must be an ISO 8601 time such as 2026-01-28T17:44:57.711Z.");
            return;
        }

        var seconds = Math.Ceiling((expires - clock.GetUtcNow()).TotalSeconds);
        if (seconds <= 0)
        {
            errors.Add($"{Profile}.otpExpires", "The OTP has already expired.");
            return;
        }

        native["expiresInSeconds"] = (int)Math.Clamp(seconds, 1, options.Value.MaxExpirySeconds);
    }

    private static void AddVariable(JsonObject variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }
}
