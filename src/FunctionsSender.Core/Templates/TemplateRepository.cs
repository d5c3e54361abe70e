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

    private static string RowKeyOf(NotificationChannel channel, string locale) => $"{channel.ToWire()}|{locale}";

    private static NotificationTemplate FromEntity(TableEntity entity)
    {
        var channel = NotificationChannels.TryParse(entity.GetString("Channel"), out var parsed) ? parsed : NotificationChannel.Sms;
        return new NotificationTemplate(entity.PartitionKey, channel, entity.GetString("Locale"), entity.GetString("Message"));
    }
}
