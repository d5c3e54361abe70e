using Azure.Storage.Queues.Models;
using FunctionsSender.Core;
using FunctionsSender.Core.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.Functions.Delivery;

/// <summary>The queue side: deliver each queued notification, and close out those that exhausted their retries.</summary>
public sealed class DispatchFunctions(NotificationDispatcher dispatcher)
{
    [Function("DispatchNotification")]
    public Task Dispatch(
        [QueueTrigger("%FunctionsSender:QueueName%", Connection = FunctionsSenderServiceCollectionExtensions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function("FailExhaustedNotification")]
    public Task FailExhausted(
        [QueueTrigger("%FunctionsSender:QueueName%-poison", Connection = FunctionsSenderServiceCollectionExtensions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        dispatcher.HandlePoisonAsync(message.Body.ToString(), cancellationToken);
}
