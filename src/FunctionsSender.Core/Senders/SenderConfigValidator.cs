using System.Net;
using System.Text.Json;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Senders;

/// <summary>
/// The rules of PingOne's custom-provider page, made strict (CONTRACT §3.3). Reports every error at once,
/// keyed by JSON path.
/// </summary>
public sealed class SenderConfigValidator(IOptions<FunctionsSenderOptions> options)
{
    public bool TryValidate(string senderId, JsonElement body, out SenderConfig? config, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        config = null;
        if (!NotificationRequestValidator.SenderIdPattern().IsMatch(senderId))
        {
            errors.Add("senderId", "Must match [a-z0-9-]{1,64}.");
        }

        if (!JsonObjectReader.TryCreate(body, "", errors, out var reader))
        {
            return false;
        }

        var name = reader.ReadString("name", required: true, maxLength: 256);
        var authorization = ReadAuthorization(reader, errors);
        var numbers = ReadNumbers(reader, errors);

        var sms = ReadChannel(reader, "sms", errors);
        var voice = ReadChannel(reader, "voice", errors);
        RequireChannelExactlyWhenEnabled(numbers, NotificationChannel.Sms, reader.Has("sms"), "sms", errors);
        RequireChannelExactlyWhenEnabled(numbers, NotificationChannel.Voice, reader.Has("voice"), "voice", errors);

        var fallback = reader.ReadString("fallbackSenderId", maxLength: 64);
        if (fallback is not null && !NotificationRequestValidator.SenderIdPattern().IsMatch(fallback))
        {
            errors.Add("fallbackSenderId", "Must match [a-z0-9-]{1,64}.");
        }
        else if (fallback == senderId)
        {
            errors.Add("fallbackSenderId", "A sender cannot be its own fallback.");
        }

        var countries = ReadCountries(reader, errors);
        var perCountry = reader.ReadInt32("maxPerCountryPerWindow");
        if (perCountry is < 1)
        {
            errors.Add("maxPerCountryPerWindow", "Must be at least 1.");
        }

        var rate = reader.ReadInt32("maxRequestsPerSecond");
        if (rate is < 1 or > 1000)
        {
            errors.Add("maxRequestsPerSecond", "Must be between 1 and 1000.");
        }

        if (!errors.IsEmpty)
        {
            return false;
        }

        config = new SenderConfig
        {
            Id = senderId,
            Name = name!,
            Authorization = authorization!,
            Numbers = numbers,
            Sms = sms,
            Voice = voice,
            FallbackSenderId = fallback,
            MaxRequestsPerSecond = rate ?? SenderConfig.DefaultMaxRequestsPerSecond,
            AllowedCountries = countries,
            MaxPerCountryPerWindow = perCountry,
        };
        return true;
    }

    private static List<string>? ReadCountries(JsonObjectReader reader, ValidationErrors errors)
    {
        if (reader.ReadArray("allowedCountries") is not { } array)
        {
            return null;
        }

        var regions = PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions();
        var countries = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"allowedCountries[{index++}]";
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()!.ToUpperInvariant() : null;
            if (code is null || !regions.Contains(code))
            {
                errors.Add(path, "Must be an ISO 3166 alpha-2 country code with a telephone numbering plan, such as 'US'.");
            }
            else if (!countries.Contains(code))
            {
                countries.Add(code);
            }
        }

        return countries;
    }

    private static SenderAuthorization? ReadAuthorization(JsonObjectReader reader, ValidationErrors errors)
    {
        if (reader.ReadObject("authorization", required: true) is not { } auth)
        {
            return null;
        }

        var type = auth.ReadString("type", required: true, maxLength: 16);
        if (type is not null && type != "basic")
        {
            errors.Add(auth.PathOf("type"), "Must be 'basic'.");
        }

        var username = auth.ReadString("username", required: true, maxLength: 256);
        var password = auth.ReadString("password", maxLength: 1024);
        if (password is { Length: 0 })
        {
            errors.Add(auth.PathOf("password"), "Must not be empty; omit it to keep the stored password.");
        }

        return username is null ? null : new SenderAuthorization { Type = "basic", Username = username, Password = password };
    }

    private static List<OriginationNumber> ReadNumbers(JsonObjectReader reader, ValidationErrors errors)
    {
        var numbers = new List<OriginationNumber>();
        if (reader.ReadArray("numbers", required: true) is not { } array)
        {
            return numbers;
        }

        if (array.GetArrayLength() == 0)
        {
            errors.Add("numbers", "At least one origination number is required.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"numbers[{index++}]";
            if (!JsonObjectReader.TryCreate(item, path, errors, out var entry))
            {
                continue;
            }

            var typeText = entry.ReadString("type", required: true, maxLength: 16);
            var numberText = entry.ReadString("number", required: true, maxLength: 32);
            var sms = entry.ReadBoolean("sms") ?? false;
            var voice = entry.ReadBoolean("voice") ?? false;
            if (!sms && !voice)
            {
                errors.Add($"{path}.sms", "Enable SMS, voice, or both for each number.");
            }

            OriginationNumberType type;
            switch (typeText)
            {
                case "standard": type = OriginationNumberType.Standard; break;
                case "tollFree": type = OriginationNumberType.TollFree; break;
                case "shortCode": type = OriginationNumberType.ShortCode; break;
                case null: continue;
                default:
                    errors.Add($"{path}.type", "Must be 'standard', 'tollFree' or 'shortCode'.");
                    continue;
            }

            if (numberText is null)
            {
                continue;
            }

            string normalized;
            switch (type)
            {
                case OriginationNumberType.Standard when PhoneNumberFormat.TryNormalizeInternational(numberText, out normalized) && numberText.Trim().StartsWith('+'):
                    break;
                case OriginationNumberType.Standard:
                    errors.Add($"{path}.number", "A standard number must be a valid full international number such as +14155550100.");
                    continue;
                case OriginationNumberType.TollFree when PhoneNumberFormat.IsUsTollFree(numberText, out normalized):
                    break;
                case OriginationNumberType.TollFree:
                    errors.Add($"{path}.number", "A toll-free number must be a valid US toll-free number such as +18005550100.");
                    continue;
                default:
                    normalized = numberText.Trim();
                    if (normalized.Length is < 5 or > 6 || !normalized.All(char.IsAsciiDigit))
                    {
                        errors.Add($"{path}.number", "A short code must be 5 or 6 digits.");
                        continue;
                    }

                    break;
            }

            if (!seen.Add(normalized))
            {
                errors.Add($"{path}.number", "Duplicate origination number.");
                continue;
            }

            numbers.Add(new OriginationNumber { Type = type, Number = normalized, Sms = sms, Voice = voice });
        }

        return numbers;
    }

    private ChannelRequestConfig? ReadChannel(JsonObjectReader reader, string name, ValidationErrors errors)
    {
        if (reader.ReadObject(name) is not { } channel)
        {
            return null;
        }

        var method = channel.ReadString("method", required: true, maxLength: 8);
        if (method is not null && method != "POST")
        {
            errors.Add(channel.PathOf("method"), "Must be 'POST'.");
        }

        var url = channel.ReadString("url", required: true, maxLength: 2048);
        if (url is not null)
        {
            ValidateUrl(url, channel.PathOf("url"), errors);
        }

        var format = channel.ReadString("bodyFormat", required: true, maxLength: 8);
        switch (format)
        {
            case "form":
                var form = ReadForm(channel, errors);
                return url is null ? null : new ChannelRequestConfig { Url = url, BodyFormat = RequestBodyFormat.Form, Form = form };
            case "raw":
                // Switching to raw drops the form pairs, as PingOne does.
                var raw = channel.ReadString("raw", required: true, maxLength: 16_384);
                if (raw is not null && !(raw.Contains("${to}", StringComparison.Ordinal) && raw.Contains("${message}", StringComparison.Ordinal)))
                {
                    errors.Add(channel.PathOf("raw"), "The body must use ${to} and ${message}.");
                }

                return url is null || raw is null ? null : new ChannelRequestConfig { Url = url, BodyFormat = RequestBodyFormat.Raw, Raw = raw };
            case null:
                return null;
            default:
                errors.Add(channel.PathOf("bodyFormat"), "Must be 'form' or 'raw'.");
                return null;
        }
    }

    private static List<FormField> ReadForm(JsonObjectReader channel, ValidationErrors errors)
    {
        var fields = new List<FormField>();
        if (channel.ReadArray("form", required: true) is not { } array)
        {
            return fields;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{channel.PathOf("form")}[{index++}]";
            if (!JsonObjectReader.TryCreate(item, path, errors, out var pair))
            {
                continue;
            }

            var key = pair.ReadString("key", required: true, maxLength: 128);
            var value = pair.ReadString("value", maxLength: 4096) ?? "";
            if (key is not null)
            {
                fields.Add(new FormField(key, value));
            }
        }

        var all = string.Concat(fields.Select(f => f.Value));
        if (!(all.Contains("${to}", StringComparison.Ordinal) && all.Contains("${message}", StringComparison.Ordinal)))
        {
            errors.Add(channel.PathOf("form"), "The body must use ${to} and ${message}.");
        }

        return fields;
    }

    private void ValidateUrl(string url, string path, ValidationErrors errors)
    {
        var settings = options.Value;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(path, "Must be an absolute https URL.");
            return;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(path, "Must not carry credentials; use 'authorization'.");
            return;
        }

        if (settings.AllowInsecureProviderUrls)
        {
            return;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(path, "Must use https.");
        }
        else if (IPAddress.TryParse(uri.IdnHost, out _) || uri.IsLoopback
                 || !settings.AllowedProviderHostList.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(path, $"The host must be one of: {string.Join(", ", settings.AllowedProviderHostList)}.");
        }
    }

    private static void RequireChannelExactlyWhenEnabled(
        List<OriginationNumber> numbers, NotificationChannel channel, bool configured, string name, ValidationErrors errors)
    {
        var enabled = numbers.Any(n => n.Enables(channel));
        if (enabled && !configured && !errors.Contains(name))
        {
            errors.Add(name, $"A {name} request configuration is required because a number enables {name}.");
        }
        else if (!enabled && configured)
        {
            errors.Add(name, $"No number enables {name}; remove this configuration or enable {name} on a number.");
        }
    }
}
