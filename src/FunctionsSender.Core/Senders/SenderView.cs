using System.Text.Json.Serialization;

namespace FunctionsSender.Core.Senders;

/// <summary>What the admin API returns for a sender: the config with <c>passwordSet</c> in place of the password.</summary>
public sealed record SenderView(
    string Id,
    string Name,
    SenderAuthorizationView Authorization,
    IReadOnlyList<OriginationNumber> Numbers,
    ChannelRequestConfig? Sms,
    ChannelRequestConfig? Voice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FallbackSenderId,
    int MaxRequestsPerSecond,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AllowedCountries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxPerCountryPerWindow)
{
    public static SenderView From(SenderConfig config) => new(
        config.Id,
        config.Name,
        new SenderAuthorizationView(config.Authorization.Type, config.Authorization.Username, PasswordSet: true),
        config.Numbers,
        config.Sms,
        config.Voice,
        config.FallbackSenderId,
        config.MaxRequestsPerSecond,
        config.AllowedCountries,
        config.MaxPerCountryPerWindow);
}

public sealed record SenderAuthorizationView(string Type, string Username, bool PasswordSet);
