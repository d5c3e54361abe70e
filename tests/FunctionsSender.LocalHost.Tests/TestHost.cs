using FunctionsSender.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSender.LocalHost.Tests;

/// <summary>A LocalHost over the sample functions, on a free port, with its own host.json in a temporary script root.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string DefaultHostJson = """
        {
          // comments are allowed, as in the real host.json
          "version": "2.0",
          "extensions": {
            "http": { "routePrefix": "api" },
            "queues": { "maxPollingInterval": "00:00:00.500", "visibilityTimeout": "00:00:00", "maxDequeueCount": 2 }
          }
        }
        """;

    private readonly string scriptRoot;

    private TestHost(WebApplication app, string scriptRoot, HttpClient client)
    {
        App = app;
        this.scriptRoot = scriptRoot;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public QueueProbe Probe => App.Services.GetRequiredService<QueueProbe>();

    /// <summary>Settings that switch the queue samples off, for tests that run without Azurite.</summary>
    public static Dictionary<string, string?> WithoutQueueFunctions() => new()
    {
        [LocalFunctionsHost.DisabledSetting("RecordsString")] = "true",
        [LocalFunctionsHost.DisabledSetting("RecordsQueueMessage")] = "true",
        [LocalFunctionsHost.DisabledSetting("AlwaysFails")] = "true",
        [LocalFunctionsHost.DisabledSetting("FinishesDuringShutdown")] = "true",
        [LocalFunctionsHost.DisabledSetting("OutlivesItsLease")] = "true",
    };

    public static WebApplication Build(IDictionary<string, string?> settings, string scriptRoot) =>
        LocalFunctionsHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            builder => builder.Configuration.AddInMemoryCollection(
                new Dictionary<string, string?>(settings) { [LocalFunctionsHost.ScriptRootSetting] = scriptRoot }),
            typeof(TestHost).Assembly,
            (services, _) => services.AddSingleton<SampleGreeting>().AddSingleton<QueueProbe>());

    public static string CreateScriptRoot(string hostJson = DefaultHostJson, string? localSettingsJson = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "localhost-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "host.json"), hostJson);
        if (localSettingsJson is not null)
        {
            File.WriteAllText(Path.Combine(directory, "local.settings.json"), localSettingsJson);
        }

        return directory;
    }

    public static async Task<TestHost> StartAsync(IDictionary<string, string?> settings, string hostJson = DefaultHostJson)
    {
        var root = CreateScriptRoot(hostJson);
        var app = Build(settings, root);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, root, new HttpClient { BaseAddress = new Uri(address) });
    }

    public static Task<TestHost> StartHttpOnlyAsync(IDictionary<string, string?>? settings = null, string hostJson = DefaultHostJson)
    {
        var all = WithoutQueueFunctions();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return StartAsync(all, hostJson);
    }

    public static Task<TestHost> StartWithAzuriteAsync(AzuriteFixture azurite, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings) { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        return StartAsync(all);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(scriptRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
