using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Runs one queue-triggered function the way the Functions queue extension does: batched polling with exponential
/// back-off when idle, bounded concurrency, retries through message visibility and a poison queue after
/// maxDequeueCount failed attempts. Message bodies are never logged: they hold phone numbers and codes.
/// </summary>
public sealed class QueueFunctionListener(
    QueueFunctionDefinition function,
    string queueName,
    QueueServiceClient queueService,
    QueueListenerSettings settings,
    FunctionInvoker invoker,
    IServiceScopeFactory scopeFactory,
    ILogger<QueueFunctionListener> logger) : BackgroundService
{
    public const string PoisonQueueSuffix = "-poison";

    private static readonly TimeSpan MinimumPollingDelay = TimeSpan.FromMilliseconds(100);

    private readonly QueueClient queue = queueService.GetQueueClient(queueName);
    private readonly QueueClient poisonQueue = queueService.GetQueueClient(queueName + PoisonQueueSuffix);
    private readonly HashSet<Task> inFlight = [];

    public string QueueName => queueName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await EnsureQueuesExistAsync(stoppingToken))
        {
            return;
        }

        logger.LogInformation("Function {FunctionName} is listening on queue {QueueName}", function.Name, queueName);
        var delay = TimeSpan.Zero;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Fetch more only once enough of the current batch has finished, as the Functions host does.
                if (InFlightCount() > settings.NewBatchThreshold)
                {
                    await WaitForAnyInFlightAsync(stoppingToken);
                    continue;
                }

                QueueMessage[] messages;
                try
                {
                    var wanted = Math.Max(1, settings.BatchSize - InFlightCount());
                    messages = (await queue.ReceiveMessagesAsync(wanted, settings.MessageLease, stoppingToken)).Value;
                }
                catch (RequestFailedException exception)
                {
                    logger.LogWarning(exception, "Function {FunctionName} could not receive from queue {QueueName}", function.Name, queueName);
                    messages = [];
                }

                if (messages.Length == 0)
                {
                    delay = delay == TimeSpan.Zero ? MinimumPollingDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    await Task.Delay(delay, stoppingToken);
                    continue;
                }

                delay = TimeSpan.Zero;
                foreach (var message in messages)
                {
                    Track(ProcessAsync(message, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: fall through and let the running invocations finish.
        }

        Task[] remaining;
        lock (inFlight)
        {
            remaining = [.. inFlight];
        }

        await Task.WhenAll(remaining);
        logger.LogInformation("Function {FunctionName} stopped listening on queue {QueueName}", function.Name, queueName);
    }

    private async Task<bool> EnsureQueuesExistAsync(CancellationToken stoppingToken)
    {
        var delay = MinimumPollingDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poisonQueue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException)
            {
                // Storage (often Azurite) may start after us; keep trying rather than take the whole host down.
                logger.LogWarning(exception, "Function {FunctionName} cannot reach queue {QueueName} yet; retrying in {Delay}", function.Name, queueName, delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
            }
        }

        return false;
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        // Let the polling loop carry on; the invocation runs on the thread pool.
        await Task.Yield();
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                logger.LogWarning(
                    "Function {FunctionName} message {MessageId} was already dequeued {DequeueCount} times; moving it to the poison queue",
                    function.Name, message.MessageId, message.DequeueCount);
                await MoveToPoisonAsync(message);
                return;
            }

            Exception? failure = null;
            var lease = new MessageLease(message.PopReceipt);
            using var renewal = new CancellationTokenSource();
            var renewing = RenewLeaseAsync(message, lease, renewal.Token);
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await invoker.InvokeAsync(function.Method, scope.ServiceProvider, BindArguments(message, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await StopRenewingAsync(renewal, renewing);

                // Shutting down is not the message's fault: hand it straight back instead of waiting out the lease.
                await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, messageText: null, visibilityTimeout: TimeSpan.Zero, CancellationToken.None);
                logger.LogInformation(
                    "Function {FunctionName} processed message {MessageId} (dequeue count {DequeueCount}): {Outcome}",
                    function.Name, message.MessageId, message.DequeueCount, "Cancelled");
                return;
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            await StopRenewingAsync(renewal, renewing);
            if (failure is not null)
            {
                await HandleFailureAsync(message, lease.PopReceipt, failure);
                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None);
            logger.LogInformation(
                "Function {FunctionName} processed message {MessageId} (dequeue count {DequeueCount}): {Outcome}",
                function.Name, message.MessageId, message.DequeueCount, "Succeeded");
        }
        catch (Exception exception)
        {
            // Storage failures while settling a message: the lease expires and the message comes back by itself.
            logger.LogError(exception, "Function {FunctionName} could not settle message {MessageId}", function.Name, message.MessageId);
        }
    }

    /// <summary>Keeps a long-running message invisible: renews its lease at half-time, tracking the new pop receipt.</summary>
    private async Task RenewLeaseAsync(QueueMessage message, MessageLease lease, CancellationToken cancellationToken)
    {
        var interval = settings.MessageLease / 2;
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var receipt = await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, messageText: null, visibilityTimeout: settings.MessageLease, cancellationToken);
                lease.PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RequestFailedException exception)
        {
            logger.LogWarning(exception, "Function {FunctionName} could not renew the lease of message {MessageId}", function.Name, message.MessageId);
        }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource renewal, Task renewing)
    {
        await renewal.CancelAsync();
        await renewing;
    }

    /// <summary>The current pop receipt of a leased message: each renewal replaces it.</summary>
    private sealed class MessageLease(string popReceipt)
    {
        public string PopReceipt { get; set; } = popReceipt;
    }

    private async Task HandleFailureAsync(QueueMessage message, string popReceipt, Exception exception)
    {
        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            logger.LogError(
                exception,
                "Function {FunctionName} processed message {MessageId} (dequeue count {DequeueCount}): {Outcome}",
                function.Name, message.MessageId, message.DequeueCount, "FailedMovedToPoison");
            await MoveToPoisonAsync(message, popReceipt);
            return;
        }

        logger.LogError(
            exception,
            "Function {FunctionName} processed message {MessageId} (dequeue count {DequeueCount}): {Outcome}",
            function.Name, message.MessageId, message.DequeueCount, "FailedWillRetry");
        await queue.UpdateMessageAsync(message.MessageId, popReceipt, messageText: null, visibilityTimeout: settings.VisibilityTimeout, CancellationToken.None);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string? popReceipt = null)
    {
        // Body holds the decoded bytes; sending them through the same encoding reproduces the original text.
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt ?? message.PopReceipt, CancellationToken.None);
    }

    private object?[] BindArguments(QueueMessage message, CancellationToken stoppingToken)
    {
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            arguments[i] = type == typeof(CancellationToken) ? stoppingToken
                : type == typeof(QueueMessage) ? message
                : type == typeof(string) ? message.Body.ToString()
                : type == typeof(BinaryData) ? message.Body
                : message.Body.ToArray();
        }

        return arguments;
    }

    private void Track(Task task)
    {
        lock (inFlight)
        {
            inFlight.Add(task);
        }

        _ = task.ContinueWith(
            finished =>
            {
                lock (inFlight)
                {
                    inFlight.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private int InFlightCount()
    {
        lock (inFlight)
        {
            return inFlight.Count;
        }
    }

    private async Task WaitForAnyInFlightAsync(CancellationToken stoppingToken)
    {
        Task[] running;
        lock (inFlight)
        {
            running = [.. inFlight];
        }

        if (running.Length > 0)
        {
            await Task.WhenAny(running).WaitAsync(stoppingToken);
        }
    }
}
