using System.Text.Json;
using Azure.Storage.Queues;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Storage;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// Intake from queue <c>otp-requests</c> (CONTRACT §3.7): the same validation and acceptance as the HTTP route.
/// Every message ends as a notification, a <c>rejected</c> status (not retried), or — when it is not JSON at all —
/// a message on <c>otp-requests-poison</c>. Storage failures propagate, so the queue retries them.
/// </summary>
public sealed class QueuedRequestIntake(
    NotificationRequestValidator validator,
    NotificationIntake intake,
    NotificationRepository notifications,
    QueueServiceClient queues,
    IOptions<FunctionsSenderOptions> options,
    TimeProvider clock,
    ILogger<QueuedRequestIntake> logger)
{
    public async Task<QueuedRequestOutcome> AcceptAsync(string messageText, string messageId, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(messageText, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            var poison = StorageNames.PoisonQueueOf(options.Value.RequestQueueName);
            logger.LogError("Queued request {MessageId} is not JSON (line {Line}, byte {Byte}); moved to {PoisonQueue}",
                messageId, e.LineNumber, e.BytePositionInLine, poison);
            await queues.GetQueueClient(poison).SendMessageAsync(messageText, cancellationToken);
            return QueuedRequestOutcome.Poisoned;
        }

        using (document)
        {
            var root = document.RootElement;
            if (JsonTextCheck.FindInvalidText(root) is { } invalidPath)
            {
                return await RejectAsync(default, "validation_failed",
                    ValidationErrors.Of(invalidPath == "$" ? "$" : invalidPath[2..], "Must be valid UTF-8 text (no lone surrogates)."), cancellationToken);
            }

            if (!validator.TryValidate(root, out var request, out var errors, allowId: true))
            {
                return await RejectAsync(root, "validation_failed", errors, cancellationToken);
            }

            var key = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("idempotencyKey", out var k) ? k : default;
            string? idempotencyKey = null;
            if (key.ValueKind != JsonValueKind.Undefined && key.ValueKind != JsonValueKind.Null)
            {
                idempotencyKey = key.ValueKind == JsonValueKind.String ? key.GetString() : null;
                if (!IdempotencyKeys.IsValid(idempotencyKey))
                {
                    return await RejectAsync(root, "validation_failed",
                        ValidationErrors.Of("idempotencyKey", "Must be 1 to 128 visible ASCII characters."), cancellationToken);
                }
            }

            switch (await intake.AcceptAsync(request!, idempotencyKey, cancellationToken))
            {
                case IntakeResult.Accepted { Replayed: true } accepted:
                    logger.LogInformation("Queued request {MessageId} repeats notification {NotificationId}; nothing new sent", messageId, accepted.Record.Id);
                    return QueuedRequestOutcome.Duplicate;
                case IntakeResult.Accepted accepted:
                    logger.LogInformation("Queued request {MessageId} accepted as notification {NotificationId}", messageId, accepted.Record.Id);
                    return QueuedRequestOutcome.Accepted;
                case IntakeResult.Invalid invalid:
                    return await RejectAsync(root, "validation_failed", invalid.Errors, cancellationToken);
                case IntakeResult.RateLimited limited:
                    return await RejectAsync(root, "rate_limited",
                        ValidationErrors.Of("to", $"Over the {limited.Limit} limit; not sent."), cancellationToken);
                case IntakeResult.IdConflict conflict:
                    return await RejectAsync(root, "duplicate_id",
                        ValidationErrors.Of("id", $"Id '{conflict.Id}' is already used by a different request."), cancellationToken, reuseId: false);
                default:
                    return await RejectAsync(root, "idempotency_conflict",
                        ValidationErrors.Of("idempotencyKey", "This key was used for a different request within 24 hours."), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Records <c>rejected</c> with the same field-named errors the HTTP intake would answer: under the producer's id
    /// when it gave a usable, unused one (so it can look the outcome up), otherwise under a new id.
    /// </summary>
    private async Task<QueuedRequestOutcome> RejectAsync(
        JsonElement root, string code, ValidationErrors errors, CancellationToken cancellationToken, bool reuseId = true)
    {
        var fields = RawFields.From(root);
        var now = clock.GetUtcNow();
        var record = new NotificationRecord
        {
            Id = reuseId && fields.Id is not null ? fields.Id : Guid.NewGuid().ToString("D"),
            Status = NotificationStatus.Rejected,
            SenderId = fields.SenderId ?? "",
            Channel = fields.Channel ?? "",
            To = PhoneNumberMask.Mask(fields.To),
            Template = fields.Template,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now,
            Error = new NotificationError(code, "The queued request was rejected; see 'errors'.") { Errors = errors.ToDictionary() },
        };

        if (await notifications.TryCreateAsync(record, cancellationToken) is null)
        {
            // The producer's id is taken (by another request, or by this message's earlier rejection).
            record = record with { Id = Guid.NewGuid().ToString("D") };
            await notifications.TryCreateAsync(record, cancellationToken);
        }

        logger.LogWarning("Queued request rejected as {NotificationId} ({Code}): {Fields}", record.Id, code, errors.ToDictionary().Keys);
        return QueuedRequestOutcome.Rejected;
    }

    /// <summary>What can be salvaged from an invalid request for its <c>rejected</c> record (never the variables).</summary>
    private sealed record RawFields(string? Id, string? SenderId, string? Channel, string? To, string? Template)
    {
        public static RawFields From(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new RawFields(null, null, null, null, null);
            }

            var id = Text(root, "id");
            return new RawFields(
                id is not null && NotificationRequestValidator.NotificationIdPattern().IsMatch(id) ? id : null,
                Bounded(Text(root, "senderId")),
                Bounded(Text(root, "channel")),
                Bounded(Text(root, "to")),
                Bounded(Text(root, "template")));
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? Bounded(string? value) => value is { Length: > 64 } ? value[..64] : value;
    }
}

public enum QueuedRequestOutcome
{
    Accepted,
    Duplicate,
    Rejected,
    Poisoned,
}
