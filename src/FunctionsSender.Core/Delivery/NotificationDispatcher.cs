using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Telemetry;
using FunctionsSender.Core.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FunctionsSender.Core.Delivery;

/// <summary>
/// Delivers one queued notification so that it ends in exactly one terminal state: checks expiry, renders, posts to
/// the sender's Studio flow (retrying inside the call, never past the OTP's expiry), fails over once to the sender's
/// fallback, and records the verdict. Permanent failures complete the message; transient ones throw
/// <see cref="TransientDeliveryException"/> so the queue redelivers it.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationRepository notifications,
    NotificationMessageCodec codec,
    SenderCatalog senders,
    MessageRenderer messages,
    ProviderRequestRenderer requests,
    StudioExecutionClient studio,
    ProviderRateLimiter rateLimiter,
    IOptions<FunctionsSenderOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    public async Task<DispatchOutcome> DispatchAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        if (!codec.TryDecode(messageText, out var message))
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
            await FinishAsync(record, NotificationStatus.Expired, ExpiredError(record, "The OTP expired before it could be sent."), cancellationToken);
            return DispatchOutcome.Expired;
        }

        // Nothing may wait or retry past the OTP's life: the whole delivery runs under a token that fires at expiry.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(record.ExpiresAt - clock.GetUtcNow());
        var attempts = new ProviderAttemptCounter();
        try
        {
            var primary = await senders.FindAsync(message.SenderId, cancellationToken)
                          ?? throw new DeliveryFailedException("sender_not_found", $"Sender '{message.SenderId}' does not exist.");
            var result = await TryDeliverAsync(message, primary, attempts, lifetime.Token, cancellationToken);
            if (result.Failover && primary.FallbackSenderId is { } fallbackId && await senders.FindAsync(fallbackId, cancellationToken) is { } fallback)
            {
                logger.LogWarning("Notification {NotificationId}: sender {SenderId} {Reason}; failing over to {FallbackSenderId}",
                    record.Id, primary.Id, result.Error?.Code, fallbackId);
                result = await TryDeliverAsync(message, fallback, attempts, lifetime.Token, cancellationToken) with { Failover = false };
            }

            return await RecordAsync(record, result, attempts.Count, dequeueCount, cancellationToken);
        }
        catch (DeliveryFailedException failure)
        {
            logger.LogWarning("Notification {NotificationId} failed permanently: {Code} {Reason}", record.Id, failure.Code, failure.Message);
            await FinishAsync(record with { Attempts = record.Attempts + attempts.Count }, NotificationStatus.Failed, new NotificationError(failure.Code, failure.Message), cancellationToken);
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

    /// <summary>One sender's try: render for its number and body, wait for its account's rate, post with retries.</summary>
    private async Task<DeliveryResult> TryDeliverAsync(
        NotificationMessage message, SenderConfig sender, ProviderAttemptCounter attempts, CancellationToken lifetime, CancellationToken hostStopping)
    {
        var channelConfig = sender.RequestFor(message.Channel);
        var from = sender.FromNumberFor(message.Channel, message.From);
        if (channelConfig is null || from is null)
        {
            throw new DeliveryFailedException("channel_not_configured", $"Sender '{sender.Id}' cannot send {message.Channel.ToWire()}.");
        }

        var rendered = await messages.RenderAsync(message, from, hostStopping);
        var values = new NotificationTemplateValues(
            message.Variables, message.To, from, message.Channel.ToWire(), message.Locale ?? LocaleTag.Default, rendered.Text, rendered.IsJson);
        HttpContent content;
        try
        {
            content = requests.Render(channelConfig, values);
        }
        catch (MissingTemplateVariableException e)
        {
            throw new DeliveryFailedException("render_failed", $"Sender '{sender.Id}''s {message.Channel.ToWire()} body needs variable '{e.VariableName}', which the request lacks.");
        }

        try
        {
            using (content)
            {
                await rateLimiter.AcquireAsync(sender.Authorization.Username, sender.MaxRequestsPerSecond, lifetime);
                var response = await studio.PostAsync(
                    new Uri(channelConfig.Url), sender.Authorization.Username, sender.Authorization.Password ?? "", content, lifetime, attempts);
                FunctionsSenderMetrics.ProviderAnswered(sender.Id, message.Channel.ToWire(), response.Status, message.AcceptedAt, clock.GetUtcNow());
                return DeliveryResult.From(sender, response, Failover: sender.FallbackSenderId is not null && ShouldFailOver(response, message));
            }
        }
        catch (HttpRequestException e) when (e.InnerException is ProviderAddressRefusedException refused)
        {
            throw new DeliveryFailedException("provider_address_refused", $"Sender '{sender.Id}': {refused.Message}");
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !hostStopping.IsCancellationRequested)
        {
            return new DeliveryResult(sender.Id, null, new NotificationError("expired", "The OTP expired while the provider was being retried."), Expired: true);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                      || (e is OperationCanceledException && !hostStopping.IsCancellationRequested))
        {
            logger.LogWarning("Provider {SenderId} unreachable after {Attempts} attempts: {Error}", sender.Id, attempts.Count, e.GetType().Name);
            var error = new NotificationError(
                e is BrokenCircuitException ? "provider_circuit_open" : "provider_unreachable",
                e is BrokenCircuitException ? "The provider kept failing; calls to it are paused briefly." : "The provider did not answer.");
            return new DeliveryResult(sender.Id, null, error, Transient: true, Failover: sender.FallbackSenderId is not null && PastHalfLife(message));
        }
    }

    /// <summary>Fail over on refusals a second account may not share (401/403/404), or when half the OTP's life is gone.</summary>
    private bool ShouldFailOver(ProviderResponse response, NotificationMessage message) =>
        response.Status is 401 or 403 or 404 || (response.IsTransient && PastHalfLife(message));

    private bool PastHalfLife(NotificationMessage message) => clock.GetUtcNow() >= message.ExpiresAt - (message.ExpiresAt - message.AcceptedAt) / 2;

    private async Task<DispatchOutcome> RecordAsync(NotificationRecord record, DeliveryResult result, int attemptsMade, long dequeueCount, CancellationToken cancellationToken)
    {
        var attempts = record.Attempts + attemptsMade;
        if (result.Response is { IsSuccess: true } success)
        {
            logger.LogInformation("Sent notification {NotificationId} to {To} via {SenderId}: provider {ProviderStatus}, execution {ExecutionSid}, {Attempts} attempts",
                record.Id, record.To, result.SenderId, success.Status, success.ExecutionSid, attempts);
            await FinishAsync(record with { Attempts = attempts, ExecutionSid = success.ExecutionSid, DeliveredBy = result.SenderId }, NotificationStatus.Sent, null, cancellationToken);
            return DispatchOutcome.Sent;
        }

        if (result.Expired)
        {
            logger.LogWarning("Notification {NotificationId} expired after {Attempts} attempts", record.Id, attempts);
            await FinishAsync(record with { Attempts = attempts }, NotificationStatus.Expired, ExpiredError(record, result.Error?.Message), cancellationToken);
            return DispatchOutcome.Expired;
        }

        if (!result.Transient)
        {
            logger.LogWarning("Provider refused notification {NotificationId}: {ProviderStatus} ({ProviderCode})",
                record.Id, result.Response?.Status, result.Response?.ProviderCode);
            await FinishAsync(record with { Attempts = attempts, DeliveredBy = result.SenderId }, NotificationStatus.Failed, result.Error, cancellationToken);
            return DispatchOutcome.Failed;
        }

        // Still transient: go back to the queue, unless the OTP would expire before the message is seen again
        // (its time-to-live is the expiry, so it would vanish without a verdict).
        var redelivery = TimeSpan.FromSeconds(options.Value.RedeliveryDelaySeconds);
        if (clock.GetUtcNow() + redelivery >= record.ExpiresAt)
        {
            logger.LogWarning("Notification {NotificationId} cannot be retried before it expires; recording expired", record.Id);
            await FinishAsync(record with { Attempts = attempts, Error = result.Error }, NotificationStatus.Expired,
                ExpiredError(record with { Error = result.Error }, "The provider kept failing and the OTP expires before another try."), cancellationToken);
            return DispatchOutcome.Expired;
        }

        logger.LogWarning("Notification {NotificationId}: provider still failing after {Attempts} attempts (delivery {DequeueCount}); the queue will retry",
            record.Id, attempts, dequeueCount);
        await notifications.TryUpdateAsync(
            record with
            {
                Attempts = attempts,
                Error = result.Error,
                UpdatedAt = clock.GetUtcNow(),
                History = [.. record.History, new NotificationEvent("retrying", clock.GetUtcNow(), attempts)],
            },
            cancellationToken);
        throw new TransientDeliveryException($"Provider still failing ({result.Error?.Code}).");
    }

    private async Task FinishAsync(NotificationRecord record, string status, NotificationError? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await notifications.TryUpdateAsync(
            record with { Status = status, Error = error, UpdatedAt = now, History = [.. record.History, new NotificationEvent(status, now, record.Attempts)] },
            cancellationToken);
        if (updated is null)
        {
            logger.LogWarning("Status of notification {NotificationId} changed underneath; {Status} not recorded", record.Id, status);
            return;
        }

        FunctionsSenderMetrics.NotificationFinished(record.SenderId, record.Channel, status);
    }

    /// <summary>Code <c>expired</c>, keeping the last provider verdict so an operator sees why it never went out.</summary>
    private static NotificationError ExpiredError(NotificationRecord record, string? message) =>
        new("expired", message ?? "The OTP expired before it could be sent.", record.Error?.ProviderStatus, record.Error?.ProviderCode);

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

    /// <summary>What one sender's try came to.</summary>
    private sealed record DeliveryResult(
        string SenderId, ProviderResponse? Response, NotificationError? Error, bool Transient = false, bool Expired = false, bool Failover = false)
    {
        public static DeliveryResult From(SenderConfig sender, ProviderResponse response, bool Failover) => response.IsSuccess
            ? new DeliveryResult(sender.Id, response, null)
            : new DeliveryResult(
                sender.Id,
                response,
                new NotificationError(
                    response.IsTransient ? "provider_transient" : "provider_rejected",
                    response.ProviderMessage ?? $"The provider answered HTTP {response.Status}.",
                    response.Status,
                    response.ProviderCode),
                Transient: response.IsTransient,
                Failover: Failover);
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
