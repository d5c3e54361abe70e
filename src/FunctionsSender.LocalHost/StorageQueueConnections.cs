using Azure.Storage.Queues;
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
                client = Create(RequireConnectionString(configuration, connection, functionName));
                clients[connection] = client;
            }

            return client;
        }
    }

    public static string RequireConnectionString(IConfiguration configuration, string connection, string functionName) =>
        ConnectionString(configuration, connection)
            ?? throw new InvalidOperationException(
                $"Function '{functionName}': the queue connection '{connection}' is not configured. Set '{connection}' to a storage " +
                "connection string (for Azurite: UseDevelopmentStorage=true) in local.settings.json Values or the environment.");

    private QueueServiceClient Create(string connectionString)
    {
        var options = new QueueClientOptions
        {
            // The Functions queue trigger expects Base64 unless host.json says otherwise.
            MessageEncoding = settings.UsesBase64Encoding ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        var rawClient = new QueueServiceClient(connectionString);
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
        return new QueueServiceClient(connectionString, options);
    }

    // The Functions host looks up the connection name as given, then with the AzureWebJobs prefix, then as a
    // connection string.
    private static string? ConnectionString(IConfiguration configuration, string connection) =>
        new[] { connection, "AzureWebJobs" + connection, "ConnectionStrings:" + connection }
            .Select(key => configuration[key])
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}

/// <summary>
/// Register one in the services to adjust the options of LocalHost's own queue-polling clients (for example to add an
/// <c>HttpPipelinePolicy</c> that counts storage transactions); the app's clients are configured by the app.
/// </summary>
public delegate void ConfigureQueueListenerClient(QueueClientOptions options);
