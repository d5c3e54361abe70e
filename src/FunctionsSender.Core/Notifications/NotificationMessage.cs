using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// The internal message on <c>otp-notifications</c> (ours to change, CONTRACT §2). It carries what the
/// dispatcher needs that the status record must not hold: the full number and the variables.
/// </summary>
public sealed record NotificationMessage
{
    public required string Id { get; init; }

    public required string SenderId { get; init; }

    public required NotificationChannel Channel { get; init; }

    public required string To { get; init; }

    public string? Template { get; init; }

    public string? Message { get; init; }

    public string? Locale { get; init; }

    /// <summary>Preferred origination number (see <see cref="NotificationRequest.From"/>); null for the sender's default.</summary>
    public string? From { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the intake accepted it: with <see cref="ExpiresAt"/>, tells when half the OTP's life is gone.</summary>
    public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The id alone, for recording a failure when the rest of the message is unreadable.</summary>
    public static string? TryReadId(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
