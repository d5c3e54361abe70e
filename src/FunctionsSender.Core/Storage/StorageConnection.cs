using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace FunctionsSender.Core.Storage;

/// <summary>
/// How a storage connection setting (<c>AzureWebJobsStorage</c>) reaches storage, read the way the Functions host reads
/// it: either a connection string (Azurite's <c>UseDevelopmentStorage=true</c>, or an account key), or the identity form
/// <c>AzureWebJobsStorage__queueServiceUri</c> / <c>__tableServiceUri</c> (or <c>__accountName</c>) with
/// <c>__credential</c> (<c>managedidentity</c>) and <c>__clientId</c>, authenticated through Azure.Identity.
/// </summary>
public sealed class StorageConnection
{
    public const string ManagedIdentityCredentialName = "managedidentity";

    private StorageConnection(string name, string? connectionString, Uri? queueServiceUri, Uri? tableServiceUri, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        Credential = credential;
    }

    /// <summary>The configuration key the connection was found under.</summary>
    public string Name { get; }

    /// <summary>Set for the connection-string form; null for the identity form.</summary>
    public string? ConnectionString { get; }

    /// <summary>Identity form: the queue service endpoint.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Identity form: the table service endpoint.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Identity form: <see cref="ManagedIdentityCredential"/> for <c>credential=managedidentity</c>, else <see cref="DefaultAzureCredential"/>.</summary>
    public TokenCredential? Credential { get; }

    public bool UsesIdentity => ConnectionString is null;

    /// <summary>
    /// Finds connection <paramref name="connectionName"/> as the Functions host does: the name as given, then with the
    /// <c>AzureWebJobs</c> prefix, then under <c>ConnectionStrings</c>; each as a connection string or the identity form.
    /// Null when none is configured.
    /// </summary>
    public static StorageConnection? Find(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var key in new[] { connectionName, "AzureWebJobs" + connectionName })
        {
            if (FromSection(configuration.GetSection(key)) is { } found)
            {
                return found;
            }
        }

        var named = configuration["ConnectionStrings:" + connectionName];
        return string.IsNullOrWhiteSpace(named) ? null : new StorageConnection("ConnectionStrings:" + connectionName, named, null, null, null);
    }

    private static StorageConnection? FromSection(IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Path, section.Value, null, null, null);
        }

        var account = section["accountName"];
        var queue = EndpointOf(section, "queueServiceUri", account, "queue");
        var table = EndpointOf(section, "tableServiceUri", account, "table");
        return queue is null && table is null ? null : new StorageConnection(section.Path, null, queue, table, CreateCredential(section));
    }

    /// <summary>The credential the identity form names, as the Functions host picks it.</summary>
    public static TokenCredential CreateCredential(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], ManagedIdentityCredentialName, StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }

    /// <summary>The queue endpoint, or a clear start-up error naming the missing setting.</summary>
    public Uri RequireQueueServiceUri() => QueueServiceUri ?? throw Missing("queueServiceUri");

    /// <summary>The table endpoint, or a clear start-up error naming the missing setting.</summary>
    public Uri RequireTableServiceUri() => TableServiceUri ?? throw Missing("tableServiceUri");

    private InvalidOperationException Missing(string key) => new(
        $"Storage connection '{Name}' uses the identity form but has no '{Name}__{key}' (or '{Name}__accountName'): " +
        "FunctionsSender needs both the queue and the table service.");

    private static Uri? EndpointOf(IConfiguration section, string key, string? accountName, string service)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"Storage setting '{key}' is not an absolute URI: '{value}'.");
        }

        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }
}
