namespace FunctionsSender.Core.Senders;

/// <summary>What the admin API returns for a sender: the config with <c>passwordSet</c> in place of the password.</summary>
public sealed record SenderView(
    string Id,
    string Name,
    SenderAuthorizationView Authorization,
    IReadOnlyList<OriginationNumber> Numbers,
    ChannelRequestConfig? Sms,
    ChannelRequestConfig? Voice)
{
    public static SenderView From(SenderConfig config) => new(
        config.Id,
        config.Name,
        new SenderAuthorizationView(config.Authorization.Type, config.Authorization.Username, PasswordSet: true),
        config.Numbers,
        config.Sms,
        config.Voice);
}

public sealed record SenderAuthorizationView(string Type, string Username, bool PasswordSet);
