namespace FunctionsSender.Core.Notifications;

/// <summary>A validated OTP notification request (CONTRACT §3.1), whichever route or queue it came through.</summary>
public sealed record NotificationRequest
{
    public required string SenderId { get; init; }

    public required NotificationChannel Channel { get; init; }

    /// <summary>Destination in E.164.</summary>
    public required string To { get; init; }

    /// <summary>Notification type whose template renders the message; null when <see cref="Message"/> is given.</summary>
    public string? Template { get; init; }

    /// <summary>Pre-rendered message text; null when <see cref="Template"/> is given.</summary>
    public string? Message { get; init; }

    /// <summary>Normalised BCP-47 tag, or null for <c>default</c>.</summary>
    public string? Locale { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public required int ExpiresInSeconds { get; init; }

    /// <summary>
    /// Origination number the upstream platform asked for (PingOne's and Auth0's <c>from</c>). Used only when it is one
    /// of the sender's numbers enabled for the channel at dispatch; otherwise the sender's own number is used.
    /// Not part of the native body (§3.1): only the provider adapters set it.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Producer-chosen id (queue intake); null lets the intake choose one.</summary>
    public string? Id { get; init; }
}
