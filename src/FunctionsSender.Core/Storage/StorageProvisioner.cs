using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Storage;

/// <summary>
/// Creates the tables and queues once per process, on first use rather than at start-up, so the app
/// still starts (and answers 503 with Retry-After) while storage is unreachable.
/// </summary>
public sealed class StorageProvisioner(TableServiceClient tables, QueueServiceClient queues, IOptions<FunctionsSenderOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            var settings = options.Value;
            var work = new List<Task>();
            work.AddRange(StorageNames.Tables.Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken)));
            foreach (var queue in new[] { settings.QueueName, settings.RequestQueueName })
            {
                work.Add(queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
                work.Add(queues.GetQueueClient(StorageNames.PoisonQueueOf(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            }

            await Task.WhenAll(work);
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
