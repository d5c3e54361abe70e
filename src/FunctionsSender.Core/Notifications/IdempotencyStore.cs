using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FunctionsSender.Core.Storage;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// Idempotency keys in table <c>idempotency</c>: insert-if-absent, so concurrent duplicates resolve to one
/// notification. A key is remembered for 24 hours; the row key is a hash, never the caller's key itself.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables, StorageProvisioner provisioner, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private const string RowKey = "key";

    private TableClient Table => tables.GetTableClient(StorageNames.IdempotencyTable);

    /// <summary>Reserves <paramref name="key"/> for the notification <paramref name="notificationId"/>.</summary>
    public async Task<IdempotencyReservation> ReserveAsync(string key, string fingerprint, string notificationId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var partition = PartitionOf(key);
        var entity = new TableEntity(partition, RowKey)
        {
            ["Fingerprint"] = fingerprint,
            ["NotificationId"] = notificationId,
            ["ReservedAt"] = clock.GetUtcNow(),
        };

        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await Table.AddEntityAsync(entity, cancellationToken);
                return new IdempotencyReservation.Reserved();
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
                if (!existing.HasValue)
                {
                    continue; // released meanwhile; try again
                }

                var row = existing.Value!;
                if (clock.GetUtcNow() - (row.GetDateTimeOffset("ReservedAt") ?? default) > Window)
                {
                    // Expired: take the key over, guarded by the ETag so only one taker wins.
                    try
                    {
                        await Table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                        return new IdempotencyReservation.Reserved();
                    }
                    catch (RequestFailedException conflict) when (conflict.Status is 412 or 404)
                    {
                        continue;
                    }
                }

                return row.GetString("Fingerprint") == fingerprint
                    ? new IdempotencyReservation.Replay(row.GetString("NotificationId"))
                    : new IdempotencyReservation.Conflict();
            }
        }

        throw new RequestFailedException(503, "The idempotency key is contended; try again.");
    }

    /// <summary>Frees a key whose request was not accepted after all, so a retry can succeed.</summary>
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(PartitionOf(key), RowKey, ETag.All, cancellationToken);

    private static string PartitionOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public abstract record IdempotencyReservation
{
    public sealed record Reserved : IdempotencyReservation;

    /// <summary>The same request under this key was accepted before, as this notification.</summary>
    public sealed record Replay(string NotificationId) : IdempotencyReservation;

    /// <summary>Another request used this key.</summary>
    public sealed record Conflict : IdempotencyReservation;
}
