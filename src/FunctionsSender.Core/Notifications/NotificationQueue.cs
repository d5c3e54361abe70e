using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Notifications;

/// <summary>Puts accepted notifications on the internal queue, with the OTP's remaining life as time-to-live.</summary>
public sealed class NotificationQueue(QueueServiceClient queues, NotificationMessageCodec codec, IOptions<FunctionsSenderOptions> options)
{
    public async Task EnqueueAsync(NotificationMessage message, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(options.Value.QueueName);
        await queue.SendMessageAsync(codec.Encode(message), visibilityTimeout: null, timeToLive: timeToLive, cancellationToken);
    }
}
