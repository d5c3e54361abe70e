using Azure;
using Azure.Data.Tables;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Storage;

namespace FunctionsSender.Core.Templates;

/// <summary>Templates in table <c>templates</c>: partition = notification type, row = <c>channel|locale</c>.</summary>
public sealed class TemplateRepository(TableServiceClient tables, StorageProvisioner provisioner)
{
    private TableClient Table => tables.GetTableClient(StorageNames.TemplatesTable);

    public async Task<NotificationTemplate?> GetAsync(string type, NotificationChannel channel, string locale, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(type, RowKeyOf(channel, locale), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Every locale variant of one type and channel, in one partition query.</summary>
    public async Task<IReadOnlyList<NotificationTemplate>> GetVariantsAsync(string type, NotificationChannel channel, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var prefix = channel.ToWire() + "|";
        var upper = channel.ToWire() + "}"; // '}' sorts right after '|'
        var results = new List<NotificationTemplate>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
                           e => e.PartitionKey == type && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0,
                           cancellationToken: cancellationToken))
        {
            results.Add(FromEntity(entity));
        }

        return results;
    }

    /// <returns>True when created, false when replaced.</returns>
    public async Task<bool> SaveAsync(NotificationTemplate template, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var entity = new TableEntity(template.Type, RowKeyOf(template.Channel, template.Locale))
        {
            ["Type"] = template.Type,
            ["Channel"] = template.Channel.ToWire(),
            ["Locale"] = template.Locale,
            ["Message"] = template.Message,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return false;
        }
    }

    /// <summary>All templates, or those of one type (one partition), in key order.</summary>
    public async Task<IReadOnlyList<NotificationTemplate>> ListAsync(string? type, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var query = type is null
            ? Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : Table.QueryAsync<TableEntity>(e => e.PartitionKey == type, cancellationToken: cancellationToken);
        var results = new List<NotificationTemplate>();
        await foreach (var entity in query)
        {
            results.Add(FromEntity(entity));
        }

        return results;
    }

    /// <returns>False when there was nothing to delete.</returns>
    public async Task<bool> DeleteAsync(string type, NotificationChannel channel, string locale, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        try
        {
            var response = await Table.DeleteEntityAsync(type, RowKeyOf(channel, locale), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string RowKeyOf(NotificationChannel channel, string locale) => $"{channel.ToWire()}|{locale}";

    private static NotificationTemplate FromEntity(TableEntity entity)
    {
        var channel = NotificationChannels.TryParse(entity.GetString("Channel"), out var parsed) ? parsed : NotificationChannel.Sms;
        return new NotificationTemplate(entity.PartitionKey, channel, entity.GetString("Locale"), entity.GetString("Message"));
    }
}
