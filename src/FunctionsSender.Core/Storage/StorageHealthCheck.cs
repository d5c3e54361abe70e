using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Storage;

/// <summary>Whether the notification queue and the tables answer (for <c>GET /api/health</c>).</summary>
public sealed class StorageHealthCheck(TableServiceClient tables, QueueServiceClient queues, IOptions<FunctionsSenderOptions> options)
{
    /// <summary>A health probe must answer quickly, not wait out the SDK's retries against a dead endpoint.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<StorageHealth> CheckAsync(CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(Timeout);
        var cancellationToken = timeout.Token;
        var queue = await ProbeAsync(async () => await queues.GetQueueClient(options.Value.QueueName).ExistsAsync(cancellationToken));
        var table = await ProbeAsync(async () =>
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }
        });
        return new StorageHealth(queue && table, queue ? "ok" : "unreachable", table ? "ok" : "unreachable");
    }

    private static async Task<bool> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e) || e is Azure.RequestFailedException or OperationCanceledException)
        {
            return false;
        }
    }
}

public sealed record StorageHealth(bool Healthy, string Queues, string Tables);
