using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Templates;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// Turns an intake body (CONTRACT §3.1, and §3.7's extra <c>id</c>) into a <see cref="NotificationRequest"/>
/// or the complete set of field-named errors. Shape only: sender and template existence are checked by the intake.
/// </summary>
public sealed partial class NotificationRequestValidator(IOptions<FunctionsSenderOptions> options)
{
    public const int MaxVariables = 32;
    public const int MaxVariableLength = 512;
    public const int MaxMessageLength = 1600;

    public bool TryValidate(JsonElement body, out NotificationRequest? request, out ValidationErrors errors, bool allowId = false)
    {
        errors = new ValidationErrors();
        request = null;
        if (!JsonObjectReader.TryCreate(body, "", errors, out var reader))
        {
            return false;
        }

        var senderId = reader.ReadString("senderId", required: true, maxLength: 64);
        if (senderId is not null && !SenderIdPattern().IsMatch(senderId))
        {
            errors.Add("senderId", "Must match [a-z0-9-]{1,64}.");
        }

        var channelText = reader.ReadString("channel", required: true, maxLength: 16);
        var channel = NotificationChannel.Sms;
        if (channelText is not null && !NotificationChannels.TryParse(channelText, out channel))
        {
            errors.Add("channel", "Must be 'sms' or 'voice'.");
        }

        var toText = reader.ReadString("to", required: true, maxLength: 32);
        var to = "";
        if (toText is not null && !PhoneNumberFormat.TryNormalizeInternational(toText, out to))
        {
            errors.Add("to", "Must be a valid international phone number in E.164 form, such as +14155550123.");
        }

        var template = reader.ReadString("template", maxLength: 64);
        var message = reader.ReadString("message", maxLength: MaxMessageLength);
        if (template is not null && !TemplateTypePattern().IsMatch(template))
        {
            errors.Add("template", "Must match [a-z0-9_]{1,64}.");
        }

        if (template is null && message is null && !errors.Contains("template") && !errors.Contains("message"))
        {
            errors.Add("template", "Either 'template' or 'message' is required.");
        }
        else if (template is not null && message is not null)
        {
            errors.Add("message", "Give either 'template' or 'message', not both.");
        }
        else if (message is { Length: 0 })
        {
            errors.Add("message", "Must not be empty.");
        }

        var localeText = reader.ReadString("locale", maxLength: 35);
        string? locale = null;
        if (localeText is not null)
        {
            if (!LocaleTag.TryNormalize(localeText, out var tag))
            {
                errors.Add("locale", "Must be a BCP-47 language tag such as 'en-US', or 'default'.");
            }
            else if (tag != LocaleTag.Default)
            {
                locale = tag;
            }
        }

        var variables = ReadVariables(reader, errors);

        var settings = options.Value;
        var expires = reader.ReadInt32("expiresInSeconds");
        if (expires is not null && (expires < 1 || expires > settings.MaxExpirySeconds))
        {
            errors.Add("expiresInSeconds", $"Must be between 1 and {settings.MaxExpirySeconds}.");
        }

        string? id = null;
        if (allowId)
        {
            id = reader.ReadString("id", maxLength: 64);
            if (id is not null && !NotificationIdPattern().IsMatch(id))
            {
                errors.Add("id", "Must match [A-Za-z0-9-]{1,64}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return false;
        }

        request = new NotificationRequest
        {
            SenderId = senderId!,
            Channel = channel,
            To = to,
            Template = template,
            Message = message,
            Locale = locale,
            Variables = variables,
            ExpiresInSeconds = expires ?? settings.DefaultExpirySeconds,
            Id = id,
        };
        return true;
    }

    private static Dictionary<string, string> ReadVariables(JsonObjectReader reader, ValidationErrors errors)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.ReadObject("variables") is not { } object_)
        {
            return variables;
        }

        foreach (var property in object_.Element.EnumerateObject())
        {
            var path = $"variables.{property.Name}";
            if (!VariableNamePattern().IsMatch(property.Name))
            {
                errors.Add("variables", "Variable names must match [A-Za-z0-9_.-]{1,64}.");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(path, "Must be a string.");
                continue;
            }

            var value = property.Value.GetString()!;
            if (value.Length > MaxVariableLength)
            {
                errors.Add(path, $"Must be at most {MaxVariableLength} characters.");
                continue;
            }

            variables[property.Name] = value;
        }

        if (variables.Count > MaxVariables)
        {
            errors.Add("variables", $"At most {MaxVariables} variables are allowed.");
        }

        return variables;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex SenderIdPattern();

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex TemplateTypePattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex VariableNamePattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex NotificationIdPattern();
}
