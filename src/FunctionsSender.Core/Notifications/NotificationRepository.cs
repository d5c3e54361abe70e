using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FunctionsSender.Core.Storage;

namespace FunctionsSender.Core.Notifications;

/// <summary>Status records in table <c>notifications</c> (partition = id), updated with ETags.</summary>
public sealed class NotificationRepository(TableServiceClient tables, StorageProvisioner provisioner)
{
    private const string RowKey = "status";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => tables.GetTableClient(StorageNames.NotificationsTable);

    /// <returns>The record with its ETag, or null when the id is already taken.</returns>
    public async Task<NotificationRecord?> TryCreateAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        try
        {
            var response = await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            return record with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<NotificationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <returns>The updated record with its new ETag, or null when someone else updated it first.</returns>
    public async Task<NotificationRecord?> TryUpdateAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(record), record.ETag, TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Writes a record whatever is there (used for <c>rejected</c> queue requests).</summary>
    public async Task UpsertAsync(NotificationRecord record, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await Table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity ToEntity(NotificationRecord r) => new(r.Id, RowKey)
    {
        ["Status"] = r.Status,
        ["SenderId"] = r.SenderId,
        ["Channel"] = r.Channel,
        ["To"] = r.To,
        ["Template"] = r.Template,
        ["Locale"] = r.Locale,
        ["Attempts"] = r.Attempts,
        ["ExecutionSid"] = r.ExecutionSid,
        ["Error"] = r.Error is null ? null : JsonSerializer.Serialize(r.Error, Json),
        ["CreatedAt"] = r.CreatedAt,
        ["UpdatedAt"] = r.UpdatedAt,
        ["ExpiresAt"] = r.ExpiresAt,
        ["RequestFingerprint"] = r.RequestFingerprint,
        ["DeliveredBy"] = r.DeliveredBy,
        ["History"] = JsonSerializer.Serialize(r.History, Json),
    };

    private static NotificationRecord FromEntity(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Status = e.GetString("Status"),
        SenderId = e.GetString("SenderId"),
        Channel = e.GetString("Channel"),
        To = e.GetString("To"),
        Template = e.GetString("Template"),
        Locale = e.GetString("Locale"),
        Attempts = e.GetInt32("Attempts") ?? 0,
        ExecutionSid = e.GetString("ExecutionSid"),
        Error = e.GetString("Error") is { } error ? JsonSerializer.Deserialize<NotificationError>(error, Json) : null,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ExpiresAt = e.GetDateTimeOffset("ExpiresAt") ?? default,
        RequestFingerprint = e.GetString("RequestFingerprint"),
        DeliveredBy = e.GetString("DeliveredBy"),
        History = e.GetString("History") is { } history ? JsonSerializer.Deserialize<List<NotificationEvent>>(history, Json) ?? [] : [],
        ETag = e.ETag,
    };
}
