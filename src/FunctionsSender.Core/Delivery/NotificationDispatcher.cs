using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Templates;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Delivery;

/// <summary>
/// Delivers one queued notification: checks expiry, loads the sender, renders the message and the sender's body,
/// posts it to the Studio flow and records the verdict. Permanent failures complete the message; transient ones
/// throw <see cref="TransientDeliveryException"/> so the queue redelivers it.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationRepository notifications,
    SenderCatalog senders,
    MessageRenderer messages,
    ProviderRequestRenderer requests,
    StudioExecutionClient studio,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    public async Task<DispatchOutcome> DispatchAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        if (!NotificationMessage.TryParse(messageText, out var message))
        {
            return await RecordUnreadableAsync(messageText, cancellationToken);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["NotificationId"] = message!.Id });
        var record = await notifications.GetAsync(message.Id, cancellationToken);
        if (record is null)
        {
            logger.LogWarning("No status record for notification {NotificationId}; dropping its message", message.Id);
            return DispatchOutcome.Dropped;
        }

        if (NotificationStatus.IsTerminal(record.Status))
        {
            // A redelivered message whose notification already ended: never post twice.
            logger.LogInformation("Notification {NotificationId} is already {Status}; not sending again", record.Id, record.Status);
            return DispatchOutcome.AlreadyDone;
        }

        if (clock.GetUtcNow() >= record.ExpiresAt)
        {
            await FinishAsync(record, NotificationStatus.Expired, new NotificationError("expired", "The OTP expired before it could be sent."), cancellationToken);
            return DispatchOutcome.Expired;
        }

        try
        {
            var sender = await senders.FindAsync(message.SenderId, cancellationToken)
                         ?? throw new DeliveryFailedException("sender_not_found", $"Sender '{message.SenderId}' does not exist.");
            var channelConfig = sender.RequestFor(message.Channel);
            var from = sender.FromNumberFor(message.Channel, message.From);
            if (channelConfig is null || from is null)
            {
                throw new DeliveryFailedException("channel_not_configured", $"Sender '{sender.Id}' cannot send {message.Channel.ToWire()}.");
            }

            var rendered = await messages.RenderAsync(message, from, cancellationToken);
            var values = new NotificationTemplateValues(
                message.Variables, message.To, from, message.Channel.ToWire(), message.Locale ?? LocaleTag.Default, rendered.Text, rendered.IsJson);
            HttpContent content;
            try
            {
                content = requests.Render(channelConfig, values);
            }
            catch (MissingTemplateVariableException e)
            {
                throw new DeliveryFailedException("render_failed", $"The sender's {message.Channel.ToWire()} body needs variable '{e.VariableName}', which the request lacks.");
            }

            return await PostAsync(record, sender, new Uri(channelConfig.Url), content, dequeueCount, cancellationToken);
        }
        catch (DeliveryFailedException failure)
        {
            logger.LogWarning("Notification {NotificationId} failed permanently: {Code} {Reason}", record.Id, failure.Code, failure.Message);
            await FinishAsync(record, NotificationStatus.Failed, new NotificationError(failure.Code, failure.Message), cancellationToken);
            return DispatchOutcome.Failed;
        }
    }

    /// <summary>A message that exhausted its deliveries: its notification ends <c>failed</c> (reason <c>retries_exhausted</c>).</summary>
    public async Task HandlePoisonAsync(string messageText, CancellationToken cancellationToken)
    {
        var id = NotificationMessage.TryReadId(messageText);
        if (id is null)
        {
            logger.LogError("Unreadable poison message; nothing to record");
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["NotificationId"] = id });
        var record = await notifications.GetAsync(id, cancellationToken);
        if (record is null || NotificationStatus.IsTerminal(record.Status))
        {
            return;
        }

        logger.LogError("Notification {NotificationId} exhausted its retries", id);
        await FinishAsync(
            record,
            NotificationStatus.Failed,
            (record.Error ?? new NotificationError("retries_exhausted", "")) with { Code = "retries_exhausted", Message = "Delivery kept failing until the retries ran out." },
            cancellationToken);
    }

    private async Task<DispatchOutcome> PostAsync(
        NotificationRecord record, SenderConfig sender, Uri url, HttpContent content, long dequeueCount, CancellationToken cancellationToken)
    {
        var attempts = record.Attempts + 1;
        ProviderResponse response;
        try
        {
            using (content)
            {
                response = await studio.PostAsync(url, sender.Authorization.Username, sender.Authorization.Password ?? "", content, cancellationToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Provider unreachable for notification {NotificationId} (attempt {Attempt}, delivery {DequeueCount}): {Error}",
                record.Id, attempts, dequeueCount, e.GetType().Name);
            await RecordAttemptAsync(record, attempts, new NotificationError("provider_unreachable", "The provider could not be reached."), cancellationToken);
            throw new TransientDeliveryException("Provider unreachable.", e);
        }

        var error = response.IsSuccess
            ? null
            : new NotificationError(
                response.IsTransient ? "provider_transient" : "provider_rejected",
                response.ProviderMessage ?? $"The provider answered HTTP {response.Status}.",
                response.Status,
                response.ProviderCode);

        if (response.IsSuccess)
        {
            logger.LogInformation("Sent notification {NotificationId} to {To}: provider {ProviderStatus}, execution {ExecutionSid}",
                record.Id, record.To, response.Status, response.ExecutionSid);
            await FinishAsync(record with { Attempts = attempts, ExecutionSid = response.ExecutionSid }, NotificationStatus.Sent, null, cancellationToken);
            return DispatchOutcome.Sent;
        }

        if (response.IsTransient)
        {
            logger.LogWarning("Provider answered {ProviderStatus} ({ProviderCode}) for notification {NotificationId}; will retry",
                response.Status, response.ProviderCode, record.Id);
            await RecordAttemptAsync(record, attempts, error, cancellationToken);
            throw new TransientDeliveryException($"Provider answered {response.Status}.");
        }

        logger.LogWarning("Provider refused notification {NotificationId}: {ProviderStatus} ({ProviderCode})",
            record.Id, response.Status, response.ProviderCode);
        await FinishAsync(record with { Attempts = attempts }, NotificationStatus.Failed, error, cancellationToken);
        return DispatchOutcome.Failed;
    }

    private async Task RecordAttemptAsync(NotificationRecord record, int attempts, NotificationError? error, CancellationToken cancellationToken)
    {
        await notifications.TryUpdateAsync(record with { Attempts = attempts, Error = error, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
    }

    private async Task FinishAsync(NotificationRecord record, string status, NotificationError? error, CancellationToken cancellationToken)
    {
        var updated = await notifications.TryUpdateAsync(record with { Status = status, Error = error, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        if (updated is null)
        {
            logger.LogWarning("Status of notification {NotificationId} changed underneath; {Status} not recorded", record.Id, status);
        }
    }

    private async Task<DispatchOutcome> RecordUnreadableAsync(string messageText, CancellationToken cancellationToken)
    {
        var id = NotificationMessage.TryReadId(messageText);
        logger.LogError("Unreadable notification message {NotificationId}; completing it without sending", id ?? "(no id)");
        if (id is not null && await notifications.GetAsync(id, cancellationToken) is { } record && !NotificationStatus.IsTerminal(record.Status))
        {
            await FinishAsync(record, NotificationStatus.Failed, new NotificationError("unreadable_message", "The queued message could not be read."), cancellationToken);
        }

        return DispatchOutcome.Failed;
    }
}

public enum DispatchOutcome
{
    Sent,
    Failed,
    Expired,
    AlreadyDone,
    Dropped,
}
