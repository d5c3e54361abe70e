using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;
using FunctionsSender.StudioSimulator.Faults;

namespace FunctionsSender.IntegrationTests.Delivery;

/// <summary>Every accepted notification ends in exactly one terminal state, under injected provider faults.</summary>
[Collection(AppCollection.Name)]
public sealed class DeliveryGuaranteeTests(AppFixture app) : IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);

    public void Dispose() => app.Faults.Reset();

    private async Task<string> SendAsync(string to, string senderId = AppFixture.SenderId, int? expiresInSeconds = null)
    {
        var response = await app.PostNotificationAsync(new { senderId, channel = "sms", to, message = "{\"OTP\":\"424242\"}", expiresInSeconds });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private IEnumerable<FunctionsSender.StudioSimulator.Recording.RecordedRequest> PostsTo(string to) =>
        app.Recorder.Requests.Where(r => r.Field("To") == to);

    [Fact]
    public async Task A_500_then_success_is_sent_with_two_attempts()
    {
        const string to = "+14155550701";
        app.Faults.EnqueueStatus(500);
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to), Arrival);

        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("attempts").GetInt32());
        Assert.Equal(2, PostsTo(to).Count());
    }

    [Fact]
    public async Task A_429_with_retry_after_is_honoured_before_the_next_post()
    {
        const string to = "+14155550702";
        app.Faults.EnqueueStatus(429, retryAfterSeconds: 2);
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to), Arrival);

        Assert.Equal("sent", status.GetProperty("status").GetString());
        var posts = PostsTo(to).OrderBy(r => r.ReceivedAt).ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].ReceivedAt - posts[0].ReceivedAt >= TimeSpan.FromSeconds(1.95), $"second POST after {posts[1].ReceivedAt - posts[0].ReceivedAt}");
    }

    [Fact]
    public async Task A_400_fails_after_exactly_one_post()
    {
        const string to = "+14155550703";
        app.Faults.EnqueueStatus(400);
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to), Arrival);

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal(400, status.GetProperty("error").GetProperty("providerStatus").GetInt32());
        await Task.Delay(500);
        Assert.Single(PostsTo(to));
    }

    [Fact]
    public async Task An_always_failing_provider_never_posts_after_the_otp_expires()
    {
        const string to = "+14155550704";
        app.Faults.Apply(new FaultSettings { ErrorRate = 1, ErrorStatuses = [503] });
        var id = await SendAsync(to, expiresInSeconds: 4);
        var status = await app.WaitForTerminalStatusAsync(id, Arrival);
        var expiresAt = status.GetProperty("expiresAt").GetDateTimeOffset();

        Assert.True(status.GetProperty("status").GetString() is "expired" or "failed", status.ToString());
        Assert.NotEmpty(PostsTo(to));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(PostsTo(to), r => Assert.True(r.ReceivedAt <= expiresAt, $"POST at {r.ReceivedAt:o} after expiry {expiresAt:o}"));
    }

    [Fact]
    public async Task A_hanging_provider_times_out_and_the_retry_is_sent()
    {
        const string to = "+14155550705";
        app.Faults.Enqueue(new ScriptedResponse(201, Hang: true));
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to), Arrival);

        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_and_sent()
    {
        const string to = "+14155550706";
        app.Faults.Enqueue(new ScriptedResponse(201, Drop: true));
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to), Arrival);
        Assert.Equal("sent", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_message_that_exhausts_its_deliveries_goes_to_poison_and_ends_failed()
    {
        // Nothing listens on port 1: every attempt is refused at once, so every delivery fails transiently.
        await app.PutSenderAsync("unreachable", "p", smsUrl: "http://127.0.0.1:1/v2/Flows/FW11111111111111111111111111111111/Executions");
        var id = await SendAsync("+14155550707", senderId: "unreachable", expiresInSeconds: 600);

        var status = await app.WaitForTerminalStatusAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("retries_exhausted", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(5 * 3, status.GetProperty("attempts").GetInt32()); // maxDequeueCount × (1 + ProviderRetryAttempts)
    }

    [Fact]
    public async Task A_sender_refusing_with_401_fails_over_once_to_its_fallback()
    {
        await app.PutSenderAsync("primary-bad-token", "wrong-token", fallbackSenderId: AppFixture.SenderId);
        const string to = "+14155550708";
        var status = await app.WaitForTerminalStatusAsync(await SendAsync(to, senderId: "primary-bad-token"), Arrival);

        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.Equal(AppFixture.SenderId, status.GetProperty("deliveredBy").GetString());
        Assert.Equal("primary-bad-token", status.GetProperty("senderId").GetString());
        var posts = PostsTo(to).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal([401, 201], posts.Select(p => p.AnsweredStatus!.Value));
    }

    [Fact]
    public async Task A_burst_is_shaped_to_the_senders_rate_instead_of_provoking_429s()
    {
        await app.PutSenderAsync("slow-account", StudioSimulatorDefaults.AuthToken, maxRequestsPerSecond: 2);
        var numbers = Enumerable.Range(0, 6).Select(i => $"+1415555071{i}").ToList();
        var ids = await Task.WhenAll(numbers.Select(n => SendAsync(n, senderId: "slow-account")));
        foreach (var id in ids)
        {
            Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id, Arrival)).GetProperty("status").GetString());
        }

        var times = numbers.Select(n => PostsTo(n).Single().ReceivedAt).Order().ToList();
        // A bucket of 2 per second: six requests span at least two refills.
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(1.5), $"six requests within {times[^1] - times[0]}");
    }

    [Fact]
    public async Task The_status_records_each_transition_with_its_time()
    {
        app.Faults.EnqueueStatus(503, count: 3);
        var status = await app.WaitForTerminalStatusAsync(await SendAsync("+14155550709"), Arrival);

        var history = status.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
        Assert.Equal("queued", history[0]);
        Assert.Contains("retrying", history);
        Assert.Equal("sent", history[^1]);
        Assert.Equal(4, status.GetProperty("attempts").GetInt32());
    }
}
