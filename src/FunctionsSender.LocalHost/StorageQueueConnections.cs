using Azure.Storage.Queues;
using FunctionsSender.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Builds LocalHost's own queue clients for polling, one per connection setting. This is separate from whatever
/// AddFunctionsSender registers because the trigger is the host's job, not the app's.
/// </summary>
/// <param name="configureClient">Optional: runs on the listener clients' options (a benchmark adds a counting pipeline policy).</param>
public sealed class StorageQueueConnections(
    IConfiguration configuration, QueueListenerSettings settings, ILoggerFactory loggerFactory, ConfigureQueueListenerClient? configureClient = null)
{
    private readonly Dictionary<string, QueueServiceClient> clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger logger = loggerFactory.CreateLogger<StorageQueueConnections>();

    public QueueServiceClient Get(string connection, string functionName)
    {
        lock (clients)
        {
            if (!clients.TryGetValue(connection, out var client))
            {
                client = Create(Require(configuration, connection, functionName));
                clients[connection] = client;
            }

            return client;
        }
    }

    /// <summary>
    /// The connection as the Functions host finds it (the name, <c>AzureWebJobs</c> + name, <c>ConnectionStrings:</c> name):
    /// a connection string, or the identity form (<c>__queueServiceUri</c> or <c>__accountName</c>, <c>__credential</c>,
    /// <c>__clientId</c>).
    /// </summary>
    public static StorageConnection Require(IConfiguration configuration, string connection, string functionName)
    {
        var found = StorageConnection.Find(configuration, connection);
        if (found is { UsesIdentity: true, QueueServiceUri: null })
        {
            throw new InvalidOperationException(
                $"Function '{functionName}': the queue connection '{connection}' uses the identity form but has no " +
                $"'{connection}__queueServiceUri' (or '{connection}__accountName').");
        }

        return found ?? throw new InvalidOperationException(
            $"Function '{functionName}': the queue connection '{connection}' is not configured. Set '{connection}' to a storage " +
            "connection string (for Azurite: UseDevelopmentStorage=true) in local.settings.json Values or the environment, or " +
            $"use the identity form: '{connection}__queueServiceUri' with '{connection}__credential' and '{connection}__clientId'.");
    }

    /// <summary>Builds the listener's client for <paramref name="connection"/> (no network until it is used).</summary>
    public QueueServiceClient Create(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = new QueueClientOptions
        {
            // The Functions queue trigger expects Base64 unless host.json says otherwise.
            MessageEncoding = settings.UsesBase64Encoding ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        var rawClient = NewClient(connection, new QueueClientOptions());
        options.MessageDecodingFailed += async args =>
        {
            // A message that is not Base64 can never be processed; park it in the poison queue as the Functions
            // host does, byte for byte, instead of letting it block or crash the listener.
            if (args.ReceivedMessage is { } message)
            {
                logger.LogWarning("Message {MessageId} on queue {QueueName} is not valid {Encoding}; moving it to the poison queue",
                    message.MessageId, args.Queue.Name, settings.MessageEncoding);
                var poison = rawClient.GetQueueClient(args.Queue.Name + QueueFunctionListener.PoisonQueueSuffix);
                await poison.SendMessageAsync(message.Body, cancellationToken: args.CancellationToken);
                await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
            }
        };

        configureClient?.Invoke(options);
        return NewClient(connection, options);
    }

    private static QueueServiceClient NewClient(StorageConnection connection, QueueClientOptions options) => connection.UsesIdentity
        ? new QueueServiceClient(connection.RequireQueueServiceUri(), connection.Credential, options)
        : new QueueServiceClient(connection.ConnectionString, options);
}

/// <summary>
/// Register one in the services to adjust the options of LocalHost's own queue-polling clients (for example to add an
/// <c>HttpPipelinePolicy</c> that counts storage transactions); the app's clients are configured by the app.
/// </summary>
public delegate void ConfigureQueueListenerClient(QueueClientOptions options);
