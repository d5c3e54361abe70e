using Azure.Storage.Queues.Models;
using FunctionsSender.Core;
using FunctionsSender.Core.Notifications;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.Functions.Notifications;

/// <summary>Queue intake for upstream producers (CONTRACT §3.7): the same acceptance as the HTTP route.</summary>
public sealed class QueuedRequestFunction(QueuedRequestIntake intake)
{
    [Function("AcceptQueuedRequest")]
    public Task Accept(
        [QueueTrigger("%FunctionsSender:RequestQueueName%", Connection = FunctionsSenderServiceCollectionExtensions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        intake.AcceptAsync(message.Body.ToString(), message.MessageId, cancellationToken);
}
