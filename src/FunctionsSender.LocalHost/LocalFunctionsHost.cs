using System.Reflection;
using FunctionsSender.Core;
using FunctionsSender.Core.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Hosts the Functions app's own function classes in a plain ASP.NET Core application with the Functions host's
/// semantics, because Core Tools cannot be installed everywhere we develop and test.
/// </summary>
public static class LocalFunctionsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string ScriptRootSetting = "LocalHost:ScriptRoot";
    public const string FunctionsAssemblyName = "FunctionsSender.Functions";

    /// <summary>Settings that make the documented <c>%…%</c> defaults resolve when nothing else sets them.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } = new Dictionary<string, string?>
    {
        ["FunctionsSender:QueueName"] = "otp-notifications",
        ["FunctionsSender:RequestQueueName"] = "otp-requests",
    };

    /// <param name="args">Command-line arguments, as for <see cref="WebApplication.CreateBuilder(string[])"/>.</param>
    /// <param name="configure">Runs after LocalHost's configuration sources are in place, so what it adds wins.</param>
    /// <param name="functionsAssembly">Where to discover functions; the Functions project by default.</param>
    /// <param name="registerServices">The app's service registration; <c>AddFunctionsSender</c> by default, as in the Functions host.</param>
    /// <param name="consoleMetricsByDefault">
    /// Whether metrics print to the console when <see cref="ConsoleMetricsSetting"/> is unset: on for
    /// <c>dotnet run</c> (Program.cs), off for tests that build the host themselves.
    /// </param>
    public static WebApplication Build(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        Assembly? functionsAssembly = null,
        Action<IServiceCollection, IConfiguration>? registerServices = null,
        bool consoleMetricsByDefault = false)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Lowest precedence first: built-in defaults, then local.settings.json (inserted below once the script
        // root is known), then everything WebApplication already reads (appsettings, environment, command line).
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = DefaultSettings });

        // ASP.NET Core's own request logging prints query strings, and ours carry `code` function keys.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // The Azure SDK logs every storage request (every queue poll) at Information; that buried the app's own lines
        // and the console metrics. Its warnings and errors still show.
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);

        configure?.Invoke(builder);

        var candidates = ScriptRootLocator.CandidateDirectories(
            builder.Configuration[ScriptRootSetting], Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        var localSettingsPath = ScriptRootLocator.Find(ScriptRootLocator.LocalSettingsFileName, candidates);
        if (localSettingsPath is not null)
        {
            builder.Configuration.Sources.Insert(1, new LocalSettingsConfigurationSource(localSettingsPath));
        }

        var hostJsonPath = ScriptRootLocator.Find(ScriptRootLocator.HostJsonFileName, candidates);
        var hostJson = HostJsonSettings.Load(hostJsonPath);

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Outer guards, as Azure's front end has them: the functions themselves refuse bodies over 64 KiB with a
        // problem answer; nothing larger than 1 MiB is even read, and header and request-line sizes stay bounded.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });

        var catalog = FunctionCatalog.Discover(functionsAssembly ?? Assembly.Load(new AssemblyName(FunctionsAssemblyName)));
        var enabledHttp = catalog.HttpFunctions.Where(f => !IsDisabled(builder.Configuration, f.Name)).ToList();
        var enabledQueues = catalog.QueueFunctions.Where(f => !IsDisabled(builder.Configuration, f.Name)).ToList();

        var services = builder.Services;
        // MVC core brings the IActionResult executors, JSON formatting (camelCase, as in the Functions ASP.NET Core
        // integration) and ProblemDetailsFactory that function results rely on.
        services.AddMvcCore();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton(FunctionKeyAuthorization.FromConfiguration(builder.Configuration));
        services.AddSingleton(hostJson);
        services.AddSingleton(catalog);
        (registerServices ?? ((s, c) => s.AddFunctionsSender(c)))(services, builder.Configuration);
        AddConsoleMetrics(builder, consoleMetricsByDefault);

        var queueSettings = int.TryParse(builder.Configuration[MessageLeaseSetting], out var leaseSeconds) && leaseSeconds > 0
            ? hostJson.Queues with { MessageLease = TimeSpan.FromSeconds(leaseSeconds) }
            : hostJson.Queues;
        AddQueueListeners(builder, enabledQueues, queueSettings);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalFunctionsHost).FullName!);
        logger.LogInformation(
            "LocalHost serving {HttpFunctionCount} HTTP and {QueueFunctionCount} queue functions; host.json {HostJsonPath}, local.settings.json {LocalSettingsPath}",
            enabledHttp.Count, enabledQueues.Count, hostJsonPath ?? "(none, defaults)", localSettingsPath ?? "(none)");

        app.UseMiddleware<HttpRequestLogging>();
        app.UseRouting();
        HttpFunctionEndpoints.Map(app, enabledHttp, hostJson.RoutePrefix);
        return app;
    }

    /// <summary>The Functions host's per-function switch, <c>AzureWebJobs.&lt;name&gt;.Disabled</c>.</summary>
    public static string DisabledSetting(string functionName) => $"AzureWebJobs.{functionName}.Disabled";

    /// <summary>Optional: seconds a running message stays leased (default 600, renewed at half-time).</summary>
    public const string MessageLeaseSetting = "LocalHost:MessageLeaseSeconds";

    /// <summary>Print the FunctionsSender metrics to the console (<c>true</c>/<c>false</c>).</summary>
    public const string ConsoleMetricsSetting = "LocalHost:ConsoleMetrics";

    /// <summary>How often the console metrics print, in seconds (default 30).</summary>
    public const string ConsoleMetricsIntervalSetting = "LocalHost:ConsoleMetricsIntervalSeconds";

    private static void AddConsoleMetrics(WebApplicationBuilder builder, bool byDefault)
    {
        if (!builder.Configuration.GetValue(ConsoleMetricsSetting, byDefault))
        {
            return;
        }

        var seconds = builder.Configuration.GetValue(ConsoleMetricsIntervalSetting, 30);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FunctionsSenderMetrics.MeterName)
            .AddConsoleExporter((_, reader) =>
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Math.Max(1, seconds) * 1000));
    }

    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        bool.TryParse(configuration[DisabledSetting(functionName)], out var disabled) && disabled;

    private static void AddQueueListeners(WebApplicationBuilder builder, List<QueueFunctionDefinition> functions, QueueListenerSettings settings)
    {
        if (functions.Count == 0)
        {
            return;
        }

        // Resolve names and connections now so a missing setting stops start-up with a clear message.
        builder.Services.AddSingleton(sp => new StorageQueueConnections(
            sp.GetRequiredService<IConfiguration>(), settings, sp.GetRequiredService<ILoggerFactory>(), sp.GetService<ConfigureQueueListenerClient>()));
        foreach (var function in functions)
        {
            var queueName = BindingExpressionResolver.Resolve(function.QueueNameExpression, builder.Configuration, function.Name);
            StorageQueueConnections.Require(builder.Configuration, function.Connection, function.Name);
            builder.Services.AddSingleton<IHostedService>(sp => new QueueFunctionListener(
                function,
                queueName,
                sp.GetRequiredService<StorageQueueConnections>().Get(function.Connection, function.Name),
                settings,
                sp.GetRequiredService<FunctionInvoker>(),
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<ILogger<QueueFunctionListener>>()));
        }
    }

}
