using FunctionsSender.Core.Limits;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Telemetry;
using FunctionsSender.Core.Templates;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// Accepts a validated request: checks the sender, channel and template, records <c>queued</c> and enqueues one
/// message. Every intake route (HTTP, queue, upstream platforms) ends here, so they cannot drift.
/// </summary>
public sealed class NotificationIntake(
    SenderCatalog senders,
    TemplateCatalog templates,
    NotificationRepository notifications,
    NotificationQueue queue,
    IdempotencyStore idempotency,
    RequestFingerprint fingerprints,
    AbuseLimits limits,
    TimeProvider clock,
    ILogger<NotificationIntake> logger)
{
    /// <param name="idempotencyKey">Optional: the same key with the same request within 24 h accepts nothing new.</param>
    public async Task<IntakeResult> AcceptAsync(NotificationRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (errors, sender) = await CheckReferencesAsync(request, cancellationToken);
        if (!errors.IsEmpty)
        {
            logger.LogInformation("Refused a notification for {To}: {Reasons}", PhoneNumberMask.Mask(request.To), errors.ToDictionary().Keys);
            return new IntakeResult.Invalid(errors);
        }

        var id = request.Id ?? Guid.NewGuid().ToString("D");
        var fingerprint = fingerprints.Of(request);
        if (idempotencyKey is not null)
        {
            switch (await idempotency.ReserveAsync(idempotencyKey, fingerprint, id, cancellationToken))
            {
                case IdempotencyReservation.Replay replay:
                    logger.LogInformation("Repeated idempotency key for notification {NotificationId}; nothing new accepted", replay.NotificationId);
                    return await ReplayAsync(replay.NotificationId, cancellationToken);
                case IdempotencyReservation.Conflict:
                    logger.LogInformation("Idempotency key reused for a different request to {To}; refused", PhoneNumberMask.Mask(request.To));
                    return new IntakeResult.KeyConflict();
            }
        }

        try
        {
            // Counted only for requests that would really be sent: not refusals, not replays.
            if (await limits.CheckAsync(request, sender!, cancellationToken) is { } limited)
            {
                if (idempotencyKey is not null)
                {
                    await idempotency.ReleaseAsync(idempotencyKey, CancellationToken.None);
                }

                return new IntakeResult.RateLimited(limited.Limit, limited.RetryAfter);
            }

            var result = await CreateAndEnqueueAsync(request, id, fingerprint, cancellationToken);
            if (result is IntakeResult.IdConflict && idempotencyKey is not null)
            {
                await idempotency.ReleaseAsync(idempotencyKey, CancellationToken.None);
            }

            return result;
        }
        catch when (idempotencyKey is not null)
        {
            // Not accepted after all: free the key so the caller's retry can succeed.
            await idempotency.ReleaseAsync(idempotencyKey, CancellationToken.None);
            throw;
        }
    }

    private async Task<IntakeResult> CreateAndEnqueueAsync(NotificationRequest request, string id, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = new NotificationRecord
        {
            Id = id,
            Status = NotificationStatus.Queued,
            SenderId = request.SenderId,
            Channel = request.Channel.ToWire(),
            To = PhoneNumberMask.Mask(request.To),
            Template = request.Template,
            Locale = request.Locale,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddSeconds(request.ExpiresInSeconds),
            RequestFingerprint = fingerprint,
            History = [new NotificationEvent(NotificationStatus.Queued, now)],
        };

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["NotificationId"] = record.Id });
        var created = await notifications.TryCreateAsync(record, cancellationToken);
        if (created is null)
        {
            // The producer-chosen id is taken: a repeat of the same request is a no-op, another request is refused.
            var existing = await notifications.GetAsync(record.Id, cancellationToken);
            if (existing?.RequestFingerprint == fingerprint)
            {
                logger.LogInformation("Notification {NotificationId} was already accepted; nothing new accepted", record.Id);
                return new IntakeResult.Accepted(existing, Replayed: true);
            }

            return new IntakeResult.IdConflict(record.Id);
        }

        var message = new NotificationMessage
        {
            Id = record.Id,
            SenderId = request.SenderId,
            Channel = request.Channel,
            To = request.To,
            Template = request.Template,
            Message = request.Message,
            Locale = request.Locale,
            From = request.From,
            Variables = request.Variables,
            ExpiresAt = record.ExpiresAt,
            AcceptedAt = record.CreatedAt,
        };

        try
        {
            await queue.EnqueueAsync(message, TimeSpan.FromSeconds(request.ExpiresInSeconds), cancellationToken);
        }
        catch (Exception e)
        {
            // The caller gets a 503 and will retry; the record must not stay 'queued' for a message that never was.
            logger.LogError(e, "Could not enqueue notification for {To}", record.To);
            await notifications.TryUpdateAsync(
                created with
                {
                    Status = NotificationStatus.Failed,
                    UpdatedAt = clock.GetUtcNow(),
                    Error = new NotificationError("enqueue_failed", "The notification could not be queued."),
                },
                CancellationToken.None);
            throw;
        }

        logger.LogInformation(
            "Queued {Channel} notification {NotificationId} via sender {SenderId} to {To}, expires {ExpiresAt:o}",
            record.Channel, record.Id, record.SenderId, record.To, record.ExpiresAt);
        FunctionsSenderMetrics.NotificationAccepted(record.SenderId, record.Channel);
        return new IntakeResult.Accepted(created, Replayed: false);
    }

    private async Task<IntakeResult> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        // A concurrent first request may hold the key but not have written its record yet: give it a moment.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await notifications.GetAsync(id, cancellationToken) is { } record)
            {
                return new IntakeResult.Accepted(record, Replayed: true);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        throw new Azure.RequestFailedException(503, "The first request with this idempotency key is still being accepted; try again.");
    }

    private async Task<(ValidationErrors Errors, SenderConfig? Sender)> CheckReferencesAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var sender = await senders.FindAsync(request.SenderId, cancellationToken);
        if (sender is null)
        {
            errors.Add("senderId", $"Unknown sender '{request.SenderId}'.");
            return (errors, sender);
        }

        if (!sender.Supports(request.Channel))
        {
            errors.Add("channel", $"Sender '{request.SenderId}' has no number enabled for {request.Channel.ToWire()}.");
            return (errors, sender);
        }

        if (sender.AllowedCountries is { Count: > 0 } allowed && !allowed.Contains(PhoneNumberFormat.RegionOf(request.To), StringComparer.Ordinal))
        {
            errors.Add("to", $"Sender '{request.SenderId}' does not send to {PhoneNumberFormat.RegionOf(request.To)}; its allowed countries are {string.Join(", ", allowed)}.");
            return (errors, sender);
        }

        if (request.Template is null)
        {
            return (errors, sender);
        }

        var chain = await templates.FindChainAsync(request.Template, request.Channel, request.Locale, cancellationToken);
        if (chain.Count == 0)
        {
            errors.Add("template", $"No '{request.Template}' template exists for {request.Channel.ToWire()} in locale '{request.Locale ?? LocaleTag.Default}' or its fallbacks.");
            return (errors, sender);
        }

        foreach (var template in chain)
        {
            foreach (var name in template.Compiled.VariableNames)
            {
                if (!NotificationTemplateValues.IsBuiltIn(name) && !request.Variables.ContainsKey(name) && !errors.Contains($"variables.{name}"))
                {
                    errors.Add($"variables.{name}", $"Required by template '{request.Template}' ({template.Template.Locale}).");
                }
            }
        }

        return (errors, sender);
    }
}

public abstract record IntakeResult
{
    /// <param name="Replayed">True when this request was accepted before (same id or idempotency key): nothing new was queued.</param>
    public sealed record Accepted(NotificationRecord Record, bool Replayed) : IntakeResult;

    public sealed record Invalid(ValidationErrors Errors) : IntakeResult;

    /// <summary>The producer-chosen id is taken by a different request.</summary>
    public sealed record IdConflict(string Id) : IntakeResult;

    /// <summary>The idempotency key was used for a different request within 24 hours.</summary>
    public sealed record KeyConflict : IntakeResult;

    /// <summary>Over a limit (<c>destination</c>: per number; <c>country</c>: the pumping guard); try after <paramref name="RetryAfter"/>.</summary>
    public sealed record RateLimited(string Limit, TimeSpan RetryAfter) : IntakeResult;
}
