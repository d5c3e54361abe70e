using System.Text.Json.Serialization;
using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Senders;

/// <summary>
/// A sender: the product's equivalent of PingOne's custom provider for a Twilio Studio flow (CONTRACT §3.3).
/// The password is plaintext only in memory; at rest it is encrypted, on the wire of the admin API it is never returned.
/// </summary>
public sealed record SenderConfig
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required SenderAuthorization Authorization { get; init; }

    public required IReadOnlyList<OriginationNumber> Numbers { get; init; }

    public ChannelRequestConfig? Sms { get; init; }

    public ChannelRequestConfig? Voice { get; init; }

    /// <summary>Another sender to try once when this one refuses (401/403/404) or is still failing at half the OTP's life.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FallbackSenderId { get; init; }

    /// <summary>ISO 3166 regions this sender may send to (the pumping guard); null or empty = all.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AllowedCountries { get; init; }

    /// <summary>Pumping guard for this sender: notifications per country calling code per window; null = the global setting.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxPerCountryPerWindow { get; init; }

    /// <summary>Studio's documented limit is 20 new REST-triggered executions per second per account.</summary>
    public int MaxRequestsPerSecond { get; init; } = DefaultMaxRequestsPerSecond;

    public const int DefaultMaxRequestsPerSecond = 20;

    public ChannelRequestConfig? RequestFor(NotificationChannel channel) =>
        channel == NotificationChannel.Voice ? Voice : Sms;

    public bool Supports(NotificationChannel channel) =>
        RequestFor(channel) is not null && Numbers.Any(n => n.Enables(channel));

    /// <summary>
    /// The origination number used as <c>${from}</c>: <paramref name="preferred"/> when it is one of this sender's numbers
    /// enabled for the channel, otherwise the first one enabled for the channel.
    /// </summary>
    public string? FromNumberFor(NotificationChannel channel, string? preferred = null) =>
        (preferred is null ? null : Numbers.FirstOrDefault(n => n.Enables(channel) && n.Number == preferred)?.Number)
        ?? Numbers.FirstOrDefault(n => n.Enables(channel))?.Number;
}

public sealed record SenderAuthorization
{
    public string Type { get; init; } = "basic";

    public required string Username { get; init; }

    /// <summary>Plaintext in memory only; <see langword="null"/> when the caller did not send one.</summary>
    [JsonIgnore]
    public string? Password { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<OriginationNumberType>))]
public enum OriginationNumberType
{
    [JsonStringEnumMemberName("standard")]
    Standard,

    [JsonStringEnumMemberName("tollFree")]
    TollFree,

    [JsonStringEnumMemberName("shortCode")]
    ShortCode,
}

public sealed record OriginationNumber
{
    public required OriginationNumberType Type { get; init; }

    public required string Number { get; init; }

    public bool Sms { get; init; }

    public bool Voice { get; init; }

    public bool Enables(NotificationChannel channel) => channel == NotificationChannel.Voice ? Voice : Sms;
}

[JsonConverter(typeof(JsonStringEnumConverter<RequestBodyFormat>))]
public enum RequestBodyFormat
{
    [JsonStringEnumMemberName("form")]
    Form,

    [JsonStringEnumMemberName("raw")]
    Raw,
}

public sealed record ChannelRequestConfig
{
    public string Method { get; init; } = "POST";

    public required string Url { get; init; }

    public required RequestBodyFormat BodyFormat { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormField>? Form { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Raw { get; init; }
}

public sealed record FormField(string Key, string Value);
