using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSender.Core.Secrets;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// The wire form of <see cref="NotificationMessage"/> on the internal queue. What would let a reader of the queue use
/// a code — the destination, the variables (the OTP among them) and a pre-rendered message — travels sealed with
/// AES-GCM under <c>SecretKey</c>, with the notification id as associated data, so a sealed part cannot be moved to
/// another message. The routing fields stay readable so a damaged or poisoned message can still be attributed.
/// </summary>
public sealed class NotificationMessageCodec(SecretProtector secrets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<NotificationChannel>(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Encode(NotificationMessage message)
    {
        var secret = JsonSerializer.Serialize(new SealedPart(message.To, message.Message, message.Variables), Json);
        var envelope = new Envelope(
            message.Id, message.SenderId, message.Channel, message.Template, message.Locale, message.From,
            message.ExpiresAt, message.AcceptedAt, secrets.Protect(secret, AssociatedData(message.Id)));
        return JsonSerializer.Serialize(envelope, Json);
    }

    /// <returns>False when the text is not a message of ours, or its sealed part does not open (altered, moved, wrong key).</returns>
    public bool TryDecode(string text, out NotificationMessage? message)
    {
        message = null;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(text, Json);
            if (envelope is null || string.IsNullOrEmpty(envelope.Id) || string.IsNullOrEmpty(envelope.Sealed))
            {
                return false;
            }

            var part = JsonSerializer.Deserialize<SealedPart>(secrets.Unprotect(envelope.Sealed, AssociatedData(envelope.Id)), Json);
            if (part is null || string.IsNullOrEmpty(part.To))
            {
                return false;
            }

            message = new NotificationMessage
            {
                Id = envelope.Id,
                SenderId = envelope.SenderId,
                Channel = envelope.Channel,
                To = part.To,
                Template = envelope.Template,
                Message = part.Message,
                Locale = envelope.Locale,
                From = envelope.From,
                Variables = part.Variables ?? new Dictionary<string, string>(),
                ExpiresAt = envelope.ExpiresAt,
                AcceptedAt = envelope.AcceptedAt,
            };
            return true;
        }
        catch (Exception e) when (e is JsonException or CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static string AssociatedData(string notificationId) => "notification:" + notificationId;

    private sealed record Envelope(
        string Id,
        string SenderId,
        NotificationChannel Channel,
        string? Template,
        string? Locale,
        string? From,
        DateTimeOffset ExpiresAt,
        DateTimeOffset AcceptedAt,
        string Sealed);

    private sealed record SealedPart(string To, string? Message, IReadOnlyDictionary<string, string>? Variables);
}
