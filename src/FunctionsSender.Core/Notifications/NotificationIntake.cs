using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Senders;
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
    TimeProvider clock,
    ILogger<NotificationIntake> logger)
{
    public async Task<IntakeResult> AcceptAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var errors = await CheckReferencesAsync(request, cancellationToken);
        if (!errors.IsEmpty)
        {
            logger.LogInformation("Refused a notification for {To}: {Reasons}", PhoneNumberMask.Mask(request.To), errors.ToDictionary().Keys);
            return new IntakeResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var record = new NotificationRecord
        {
            Id = request.Id ?? Guid.NewGuid().ToString("D"),
            Status = NotificationStatus.Queued,
            SenderId = request.SenderId,
            Channel = request.Channel.ToWire(),
            To = PhoneNumberMask.Mask(request.To),
            Template = request.Template,
            Locale = request.Locale,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddSeconds(request.ExpiresInSeconds),
        };

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["NotificationId"] = record.Id });
        var created = await notifications.TryCreateAsync(record, cancellationToken);
        if (created is null)
        {
            return new IntakeResult.Duplicate(record.Id);
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
            Variables = request.Variables,
            ExpiresAt = record.ExpiresAt,
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
        return new IntakeResult.Accepted(created);
    }

    private async Task<ValidationErrors> CheckReferencesAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var sender = await senders.FindAsync(request.SenderId, cancellationToken);
        if (sender is null)
        {
            errors.Add("senderId", $"Unknown sender '{request.SenderId}'.");
            return errors;
        }

        if (!sender.Supports(request.Channel))
        {
            errors.Add("channel", $"Sender '{request.SenderId}' has no number enabled for {request.Channel.ToWire()}.");
            return errors;
        }

        if (request.Template is null)
        {
            return errors;
        }

        var template = await templates.FindAsync(request.Template, request.Channel, request.Locale, cancellationToken);
        if (template is null)
        {
            errors.Add("template", $"No '{request.Template}' template exists for {request.Channel.ToWire()} in locale '{request.Locale ?? LocaleTag.Default}' or its fallbacks.");
            return errors;
        }

        foreach (var name in template.Compiled.VariableNames)
        {
            if (!NotificationTemplateValues.IsBuiltIn(name) && !request.Variables.ContainsKey(name))
            {
                errors.Add($"variables.{name}", $"Required by template '{request.Template}' ({template.Template.Locale}).");
            }
        }

        return errors;
    }
}

public abstract record IntakeResult
{
    public sealed record Accepted(NotificationRecord Record) : IntakeResult;

    public sealed record Invalid(ValidationErrors Errors) : IntakeResult;

    /// <summary>The producer-chosen id is already taken.</summary>
    public sealed record Duplicate(string Id) : IntakeResult;
}
