using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using FunctionsSender.LocalHost;
using FunctionsSender.StudioSimulator;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.StudioSimulator.Recording;
using FunctionsSender.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.IntegrationTests;

/// <summary>
/// The whole product on real components: Azurite (in memory, free ports), the Studio simulator over real HTTP,
/// and LocalHost running the Functions app's own classes. Shared by every integration test class.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string SenderId = "studio";
    public const string FlowSid = StudioSimulatorDefaults.SmsFlowSid;
    public const string VoiceFlowSid = StudioSimulatorDefaults.VoiceFlowSid;

    private WebApplication? _simulator;
    private WebApplication? _app;

    public AzuriteFixture Azurite { get; } = new();

    public string SecretKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public LogCapture Logs { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Uri SimulatorAddress { get; private set; } = null!;

    public SimulatorRecorder Recorder => _simulator!.GetRecorder();

    public SimulatorFaults Faults => _simulator!.GetFaults();

    public TableServiceClient Tables => new(Azurite.ConnectionString);

    public QueueClient NotificationQueue => new(Azurite.ConnectionString, "otp-notifications", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();

        _simulator = StudioSimulatorApp.Build(["--urls", "http://127.0.0.1:0"], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["StudioSimulator:LogParameters"] = "false" }));
        await _simulator.StartAsync();
        SimulatorAddress = _simulator.GetSimulatorAddress();

        _app = LocalFunctionsHost.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = Azurite.ConnectionString,
                ["FunctionsSender:SecretKey"] = SecretKey,
                ["FunctionsSender:AllowInsecureProviderUrls"] = "true",
                // Short, so the hanging-provider and retry tests stay quick.
                ["FunctionsSender:ProviderAttemptTimeoutSeconds"] = "2",
                ["FunctionsSender:ProviderRetryDelayMilliseconds"] = "200",
                // Tests share a few numbers; the limit tests send past this on their own numbers.
                ["FunctionsSender:MaxPerDestination"] = "20",
                ["FunctionsSender:MaxPerCountryPerWindow"] = "1000000",
                ["LocalHost:FunctionKey"] = null,
                ["LocalHost:MasterKey"] = null,
            });
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            // Everything reaches the capture (tests check what never appears); the console shows warnings only.
            b.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
            b.Logging.AddProvider(Logs);
        });
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };

        await PutSenderAsync(SenderId, password: StudioSimulatorDefaults.AuthToken);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }

    public string ExecutionsUrl(string flowSid = FlowSid) => new Uri(SimulatorAddress, $"/v2/Flows/{flowSid}/Executions").ToString();

    public object SenderBody(
        string? password, string smsFlowSid = FlowSid, string? fallbackSenderId = null, int? maxRequestsPerSecond = null, string? smsUrl = null,
        string[]? allowedCountries = null, int? maxPerCountryPerWindow = null) => new
    {
        allowedCountries,
        maxPerCountryPerWindow,
        fallbackSenderId,
        maxRequestsPerSecond,
        name = "Twilio Studio (simulator)",
        authorization = new { type = "basic", username = StudioSimulatorDefaults.AccountSid, password },
        numbers = new object[]
        {
            new { type = "standard", number = "+14155550100", sms = true, voice = true },
        },
        sms = new
        {
            method = "POST",
            url = smsUrl ?? ExecutionsUrl(smsFlowSid),
            bodyFormat = "form",
            form = new[]
            {
                new { key = "From", value = "${from}" }, new { key = "To", value = "${to}" }, new { key = "Parameters", value = "${message}" },
            },
        },
        voice = new
        {
            method = "POST",
            url = ExecutionsUrl(VoiceFlowSid),
            bodyFormat = "raw",
            raw = "{\"to\":\"${to}\",\"msg\":${message}}",
        },
    };

    public async Task<HttpResponseMessage> PutSenderAsync(
        string senderId, string? password, string smsFlowSid = FlowSid, string? fallbackSenderId = null, int? maxRequestsPerSecond = null, string? smsUrl = null,
        string[]? allowedCountries = null, int? maxPerCountryPerWindow = null)
    {
        var response = await Client.PutAsJsonAsync(
            $"/api/v1/senders/{senderId}", SenderBody(password, smsFlowSid, fallbackSenderId, maxRequestsPerSecond, smsUrl, allowedCountries, maxPerCountryPerWindow));
        response.EnsureSuccessStatusCode();
        return response;
    }

    public async Task PutTemplateAsync(string type, string channel, string locale, string message)
    {
        var response = await Client.PutAsJsonAsync($"/api/v1/templates/{type}/{channel}/{locale}", new { message });
        response.EnsureSuccessStatusCode();
    }

    public Task<HttpResponseMessage> PostNotificationAsync(object body) => Client.PostAsJsonAsync("/api/v1/notifications", body);

    public async Task<JsonElement> GetStatusAsync(string id)
    {
        var response = await Client.GetAsync($"/api/v1/notifications/{id}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>Waits until a status record exists (a queued request becomes one asynchronously).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await Client.GetAsync($"/api/v1/notifications/{id}");
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"no status for {id}");
            await Task.Delay(100);
        }
    }

    public QueueClient RequestQueue => new(Azurite.ConnectionString, "otp-requests", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public QueueClient RequestPoisonQueue => new(Azurite.ConnectionString, "otp-requests-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Polls the status until it is terminal (the dispatcher runs in the background).</summary>
    public async Task<JsonElement> WaitForTerminalStatusAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await WaitForStatusAsync(id, timeout);
            if (status.GetProperty("status").GetString() is "sent" or "failed" or "expired" or "rejected" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    public async Task<int> CountNotificationRecordsAsync()
    {
        var count = 0;
        await foreach (var _ in Tables.GetTableClient("notifications").QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "App";
}
