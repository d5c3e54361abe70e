using Azure.Data.Tables;
using Azure.Storage.Queues;
using FunctionsSender.Core.Delivery;
using FunctionsSender.Core.Limits;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.Auth0;
using FunctionsSender.Core.Providers.Okta;
using FunctionsSender.Core.Providers.PingOne;
using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Secrets;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Storage;
using FunctionsSender.Core.Telemetry;
using FunctionsSender.Core.Templates;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsSender.Core;

/// <summary>The one registration both hosts (Azure Functions and LocalHost) call, so they cannot drift.</summary>
public static class FunctionsSenderServiceCollectionExtensions
{
    /// <summary>Name of the storage connection setting, shared with the Functions triggers (connection string or identity form).</summary>
    public const string StorageConnectionName = "AzureWebJobsStorage";

    public static IServiceCollection AddFunctionsSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FunctionsSenderOptions>()
            .BindConfiguration(FunctionsSenderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        AddStorageClients(services, configuration);
        services.AddFunctionsSenderTelemetry(configuration);

        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<KeyedHasher>();
        services.AddSingleton<RequestFingerprint>();
        services.AddHostedService<SecretKeyCheck>();

        services.AddSingleton<NotificationRequestValidator>();
        services.AddSingleton<NotificationRepository>();
        services.AddSingleton<NotificationMessageCodec>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<NotificationIntake>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<WindowCounter>();
        services.AddSingleton<AbuseLimits>();
        services.AddSingleton<QueuedRequestIntake>();

        services.AddSingleton<SenderConfigValidator>();
        services.AddSingleton<SenderRepository>();
        services.AddSingleton<SenderCatalog>();
        services.AddSingleton<SenderAdministration>();
        services.AddSingleton<SenderTestDelivery>();

        services.AddSingleton<TemplateCache>();
        services.AddSingleton<TemplateRepository>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<TemplateAdministration>();
        services.AddSingleton<ITemplateDirectory>(sp => sp.GetRequiredService<TemplateCatalog>());

        services.AddSingleton<ProviderIntake>();
        services.AddSingleton<PingOneTranslator>();
        services.AddSingleton<OktaTranslator>();
        services.AddSingleton<Auth0Translator>();

        services.AddSingleton<MessageRenderer>();
        services.AddSingleton<ProviderRequestRenderer>();
        services.AddSingleton<NotificationDispatcher>();

        services.AddSingleton<ProviderRateLimiter>();
        services.AddTransient<ProviderAttemptCountingHandler>();
        var providerClient = services.AddHttpClient<StudioExecutionClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // SSRF: never follow a redirect, and connect only to allowed, public addresses (checked after DNS).
                AllowAutoRedirect = false,
                ConnectCallback = new ProviderConnectGuard(sp.GetRequiredService<IOptions<FunctionsSenderOptions>>().Value).ConnectAsync,
                MaxResponseHeadersLength = 64, // KiB
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        providerClient.AddResilienceHandler("provider", ConfigureProviderPipeline)
            .SelectPipelineByAuthority(); // one circuit breaker per provider host
        providerClient.AddHttpMessageHandler<ProviderAttemptCountingHandler>(); // added after, so inside: sees every attempt

        return services;
    }

    /// <summary>
    /// Table and queue clients through Microsoft.Extensions.Azure, from <c>AzureWebJobsStorage</c> as a connection string
    /// (Azurite) or in the identity form (<c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__credential</c>,
    /// <c>__clientId</c>) that Azure's Functions host reads too.
    /// </summary>
    private static void AddStorageClients(IServiceCollection services, IConfiguration configuration)
    {
        var connection = StorageConnection.Find(configuration, StorageConnectionName);
        if (connection is not null)
        {
            services.AddSingleton(connection);
        }

        services.AddAzureClients(clients =>
        {
            if (connection is { UsesIdentity: true, Credential: { } credential })
            {
                clients.AddClient<TableServiceClient, TableClientOptions>((options, token) => new TableServiceClient(connection.RequireTableServiceUri(), token, options))
                    .WithCredential(credential);
                clients.AddClient<QueueServiceClient, QueueClientOptions>((options, token) => new QueueServiceClient(connection.RequireQueueServiceUri(), token, options))
                    .WithCredential(credential)
                    .ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                return;
            }

            var storage = configuration.GetSection(StorageConnectionName);
            clients.AddTableServiceClient(storage);
            // The Functions queue trigger expects Base64; without it every message would end in poison.
            clients.AddQueueServiceClient(storage).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
        });
    }

    /// <summary>
    /// Retries inside one dispatch (jittered exponential, Retry-After honoured), a circuit breaker per provider host
    /// and a timeout per attempt. The OTP's expiry bounds it all through the caller's cancellation token.
    /// </summary>
    private static void ConfigureProviderPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FunctionsSenderOptions>>().Value;
        if (options.ProviderRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ProviderRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.ProviderRetryDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // Trips only on a provider that is mostly failing, so scattered 5xx and 429s keep flowing to retries.
            FailureRatio = 0.8,
            MinimumThroughput = 50,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(10),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.ProviderAttemptTimeoutSeconds));
    }
}
