using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FunctionsSender.Core.Telemetry;

/// <summary>
/// OpenTelemetry metrics for meter <see cref="FunctionsSenderMetrics.MeterName"/>. With
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set (on Azure) they go to Application Insights through the Azure Monitor
/// exporter, authenticated with Microsoft Entra ID as <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says; a host adds
/// its own exporters on top (LocalHost: the console).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddFunctionsSenderTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        var credential = AzureMonitorCredential(configuration[AuthenticationStringSetting]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("FunctionsSender"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FunctionsSenderMetrics.MeterName);
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(options =>
                    {
                        options.ConnectionString = connectionString;
                        options.Credential = credential;
                    });
                }
            });
        return services;
    }

    /// <summary>
    /// Reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> as the Functions host does: <c>Authorization=AAD</c> with an
    /// optional <c>ClientId=</c> (a user-assigned identity) means Entra ID through managed identity; anything else, none
    /// (the component then needs local auth, which our Bicep turns off).
    /// </summary>
    public static TokenCredential? AzureMonitorCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
