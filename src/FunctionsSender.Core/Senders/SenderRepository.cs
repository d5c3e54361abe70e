using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FunctionsSender.Core.Secrets;
using FunctionsSender.Core.Storage;

namespace FunctionsSender.Core.Senders;

/// <summary>Sender configs in table <c>senders</c>: the config as JSON, the password encrypted beside it.</summary>
public sealed class SenderRepository(TableServiceClient tables, SecretProtector secrets, StorageProvisioner provisioner)
{
    private const string RowKey = "config";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => tables.GetTableClient(StorageNames.SendersTable);

    public async Task<StoredSender?> GetAsync(string senderId, CancellationToken cancellationToken)
    {
        if (!IsValidId(senderId))
        {
            return null; // not an id we could have stored; never hand it to the table as a key
        }

        await provisioner.EnsureAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(senderId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<(IReadOnlyList<StoredSender> Senders, string? ContinuationToken)> ListAsync(
        int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var pages = Table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return (page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Creates or replaces the config. A null password keeps the stored one (PingOne's "Change Account" is optional).</summary>
    /// <returns>The stored sender and whether it was created; null when <paramref name="ifMatch"/> is stale.</returns>
    public async Task<SaveResult> SaveAsync(SenderConfig config, ETag? ifMatch, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(config.Id, RowKey, cancellationToken: cancellationToken);
        if (ifMatch is { } expected && expected != ETag.All && (!existing.HasValue || existing.Value!.ETag != expected))
        {
            return SaveResult.PreconditionFailed;
        }

        string protectedPassword;
        if (config.Authorization.Password is { } password)
        {
            protectedPassword = secrets.Protect(password, config.Id);
        }
        else if (existing.HasValue && existing.Value!.GetString("Password") is { } stored)
        {
            // Re-seal the kept password, so re-saving every sender completes a SecretKey rotation.
            protectedPassword = secrets.Protect(secrets.Unprotect(stored, config.Id), config.Id);
        }
        else
        {
            return SaveResult.PasswordRequired;
        }

        var entity = new TableEntity(config.Id, RowKey)
        {
            ["Config"] = JsonSerializer.Serialize(config, Json),
            ["Password"] = protectedPassword,
        };

        try
        {
            Response response;
            if (existing.HasValue)
            {
                response = await Table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                response = await Table.AddEntityAsync(entity, cancellationToken);
            }

            return new SaveResult(SaveOutcome.Saved, !existing.HasValue, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another writer got there between our read and write.
            return SaveResult.PreconditionFailed;
        }
    }

    public async Task<DeleteOutcome> DeleteAsync(string senderId, ETag? ifMatch, CancellationToken cancellationToken)
    {
        if (!IsValidId(senderId))
        {
            return DeleteOutcome.NotFound;
        }

        await provisioner.EnsureAsync(cancellationToken);
        try
        {
            var response = await Table.DeleteEntityAsync(senderId, RowKey, ifMatch ?? ETag.All, cancellationToken);
            return response.Status == 404 ? DeleteOutcome.NotFound : DeleteOutcome.Deleted;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return DeleteOutcome.PreconditionFailed;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return DeleteOutcome.NotFound;
        }
    }

    private static bool IsValidId(string senderId) => Notifications.NotificationRequestValidator.SenderIdPattern().IsMatch(senderId);

    private StoredSender FromEntity(TableEntity entity)
    {
        var config = JsonSerializer.Deserialize<SenderConfig>(entity.GetString("Config"), Json)!;
        var protectedPassword = entity.GetString("Password");
        var password = protectedPassword is null ? null : secrets.Unprotect(protectedPassword, config.Id);
        return new StoredSender(
            config with { Authorization = config.Authorization with { Password = password } },
            entity.ETag);
    }
}

public sealed record StoredSender(SenderConfig Config, ETag ETag);

public enum SaveOutcome
{
    Saved,
    PreconditionFailed,
    PasswordRequired,
}

public enum DeleteOutcome
{
    Deleted,
    NotFound,
    PreconditionFailed,
}

public sealed record SaveResult(SaveOutcome Outcome, bool Created, ETag ETag)
{
    public static readonly SaveResult PreconditionFailed = new(SaveOutcome.PreconditionFailed, false, default);
    public static readonly SaveResult PasswordRequired = new(SaveOutcome.PasswordRequired, false, default);
}
