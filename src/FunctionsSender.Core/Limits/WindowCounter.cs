using Azure;
using Azure.Data.Tables;
using FunctionsSender.Core.Storage;

namespace FunctionsSender.Core.Limits;

/// <summary>
/// Fixed-window counters in table <c>ratelimits</c>, shared by every instance: read, then insert or ETag-guarded
/// update, retried a few times when another instance wins the race. Keys are keyed hashes, never phone numbers.
/// </summary>
public sealed class WindowCounter(TableServiceClient tables, StorageProvisioner provisioner, TimeProvider clock)
{
    private const int MaxTries = 16;

    private TableClient Table => tables.GetTableClient(StorageNames.RateLimitsTable);

    /// <summary>Counts one more event under <paramref name="key"/>, unless the window already holds <paramref name="limit"/>.</summary>
    /// <param name="likelyNew">
    /// True when the row usually does not exist yet (a destination's first OTP in its window): try the insert first, one
    /// storage transaction instead of a read that finds nothing plus the insert; a row that exists costs one failed insert more.
    /// </param>
    public async Task<CounterResult> TryIncrementAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken, bool likelyNew = false)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var windowSeconds = (long)window.TotalSeconds;
        var windowStart = now.ToUnixTimeSeconds() / windowSeconds * windowSeconds;
        var retryAfter = DateTimeOffset.FromUnixTimeSeconds(windowStart + windowSeconds) - now;
        var row = windowStart.ToString(System.Globalization.CultureInfo.InvariantCulture);

        if (likelyNew && limit >= 1)
        {
            try
            {
                await Table.AddEntityAsync(new TableEntity(key, row) { ["Count"] = 1, ["WindowEnds"] = now + retryAfter }, cancellationToken);
                return new CounterResult(true, 1, retryAfter);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Counted before in this window: read and update as usual.
            }
        }

        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(key, row, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await Table.AddEntityAsync(new TableEntity(key, row) { ["Count"] = 1, ["WindowEnds"] = now + retryAfter }, cancellationToken);
                    return new CounterResult(true, 1, retryAfter);
                }

                var entity = existing.Value!;
                var count = entity.GetInt32("Count") ?? 0;
                if (count >= limit)
                {
                    return new CounterResult(false, count, retryAfter);
                }

                entity["Count"] = count + 1;
                await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new CounterResult(true, count + 1, retryAfter);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted in between: read again. A little jitter keeps racers from colliding again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt + 1, 5))), clock, cancellationToken);
            }
        }

        throw new RequestFailedException(503, "The rate counter is contended; try again.");
    }
}

public readonly record struct CounterResult(bool Allowed, int Count, TimeSpan RetryAfter);
