using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using FunctionsSender.LocalHost;
using FunctionsSender.StudioSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsSender.IntegrationTests.Security;

/// <summary>
/// A second host on the same storage, configured as production would be: keys enforced, insecure provider URLs off,
/// and (so its queue can be inspected) no dispatcher running on its own notification queue.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HardenedHostTests(AppFixture app) : IAsyncLifetime, IDisposable
{
    private const string FunctionKey = "function-key-for-tests";
    private const string MasterKey = "master-key-for-tests";
    private const string InspectQueue = "inspect-notifications";
    private WebApplication? _host;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = LocalFunctionsHost.Build(["--urls", "http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = app.Azurite.ConnectionString,
            ["FunctionsSender:SecretKey"] = app.SecretKey,
            ["FunctionsSender:AllowInsecureProviderUrls"] = "false",
            ["FunctionsSender:QueueName"] = InspectQueue,
            ["FunctionsSender:RequestQueueName"] = "inspect-requests",
            ["LocalHost:FunctionKey"] = FunctionKey,
            ["LocalHost:MasterKey"] = MasterKey,
            [LocalFunctionsHost.DisabledSetting("DispatchNotification")] = "true",
        }));
        await _host.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_host.Urls.First()) };
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task Intake_needs_a_key_and_admin_routes_refuse_the_function_key()
    {
        var body = new { senderId = AppFixture.SenderId, channel = "sms", to = "+14155550701", message = "{\"OTP\":\"1\"}" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, "/api/v1/notifications", null, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, "/api/v1/notifications", "wrong", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, "/api/v1/notifications", FunctionKey, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, "/api/v1/notifications?code=" + MasterKey, null, body)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/v1/senders", FunctionKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/senders", MasterKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/health")).StatusCode); // anonymous
    }

    [Fact]
    public async Task The_raw_queue_message_holds_neither_the_otp_nor_the_number()
    {
        // Distinctive, so it cannot turn up by chance inside a timestamp, an ETag or Base64 text.
        const string otp = "Q8642097Z";
        const string to = "+14155550702";
        var response = await SendAsync(HttpMethod.Post, "/api/v1/notifications", FunctionKey, new
        {
            senderId = AppFixture.SenderId, channel = "sms", to, message = $"{{\"OTP\":\"{otp}\"}}",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Read the queue without the Base64 decoding, then decode by hand: what is stored, byte for byte.
        var raw = new QueueClient(app.Azurite.ConnectionString, InspectQueue);
        var stored = (await raw.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
        var decoded = stored.Select(t => Encoding.UTF8.GetString(Convert.FromBase64String(t))).Single(t => t.Contains(id, StringComparison.Ordinal));

        Assert.DoesNotContain(otp, decoded, StringComparison.Ordinal);
        Assert.DoesNotContain(to, decoded, StringComparison.Ordinal);
        Assert.DoesNotContain(to[1..], decoded, StringComparison.Ordinal);
        Assert.Contains("\"sealed\":\"v1:", decoded, StringComparison.Ordinal);

        // And nothing at rest in the tables holds them either.
        foreach (var table in new[] { "notifications", "idempotency", "ratelimits" })
        {
            await foreach (var row in app.Tables.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                var text = string.Join("|", row.Where(p => p.Value is string).Select(p => $"{p.Key}={p.Value}"));
                Assert.DoesNotContain(otp, text, StringComparison.Ordinal);
                Assert.DoesNotContain(to, text, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/v2/Flows/FW11111111111111111111111111111111/Executions")]
    [InlineData("http://169.254.169.254/v2/Flows/FW11111111111111111111111111111111/Executions")]
    [InlineData("https://studio.twilio.com.evil.example/v2/Flows/FW11111111111111111111111111111111/Executions")]
    public async Task A_provider_url_to_an_internal_or_unlisted_host_is_refused_at_send(string url)
    {
        // Stored through the permissive fixture host (as if AllowInsecureProviderUrls had been on when it was saved).
        var senderId = "ssrf-" + Guid.NewGuid().ToString("N")[..8];
        await app.PutSenderAsync(senderId, StudioSimulatorDefaults.AuthToken, smsUrl: url.Replace("{port}", app.SimulatorAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var before = app.Recorder.Requests.Count;

        var response = await SendAsync(HttpMethod.Post, $"/api/v1/senders/{senderId}/test", MasterKey, new { channel = "sms", to = "+14155550703" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("sms.url", out _), problem.ToString());
        Assert.Equal(before, app.Recorder.Requests.Count);
    }

    [Fact]
    public async Task The_same_loopback_sender_works_where_insecure_urls_are_allowed()
    {
        var response = await app.Client.PostAsJsonAsync($"/api/v1/senders/{AppFixture.SenderId}/test", new { channel = "sms", to = "+14155550704" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
