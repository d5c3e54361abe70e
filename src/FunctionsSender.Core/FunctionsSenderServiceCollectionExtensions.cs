using Azure.Storage.Queues;
using FunctionsSender.Core.Delivery;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.Auth0;
using FunctionsSender.Core.Providers.Okta;
using FunctionsSender.Core.Providers.PingOne;
using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Secrets;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Storage;
using FunctionsSender.Core.Templates;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSender.Core;

/// <summary>The one registration both hosts (Azure Functions and LocalHost) call, so they cannot drift.</summary>
public static class FunctionsSenderServiceCollectionExtensions
{
    /// <summary>Name of the storage connection setting, shared with the Functions triggers.</summary>
    public const string StorageConnectionName = "AzureWebJobsStorage";

    public static IServiceCollection AddFunctionsSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FunctionsSenderOptions>()
            .BindConfiguration(FunctionsSenderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var storage = configuration.GetSection(StorageConnectionName);
        services.AddAzureClients(clients =>
        {
            clients.AddTableServiceClient(storage);
            // The Functions queue trigger expects Base64; without it every message would end in poison.
            clients.AddQueueServiceClient(storage).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
        });

        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<SecretProtector>();
        services.AddHostedService<SecretKeyCheck>();

        services.AddSingleton<NotificationRequestValidator>();
        services.AddSingleton<NotificationRepository>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<NotificationIntake>();
        services.AddSingleton<IdempotencyStore>();
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

        services.AddHttpClient<StudioExecutionClient>(http => http.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A provider URL must never bounce us elsewhere (SSRF), and connections are reused across messages.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        return services;
    }
}
