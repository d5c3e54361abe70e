using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;
using FunctionsSender.StudioSimulator.Faults;
using Xunit.Abstractions;

namespace FunctionsSender.IntegrationTests.Delivery;

/// <summary>
/// Many notifications under 30 % injected transient faults and random latency: every one ends terminal, none is lost,
/// none is delivered twice. CI runs 200; set FUNCTIONSSENDER_SOAK_COUNT=1000 for the full run (docs/reliability.md).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SoakTests(AppFixture app, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => app.Faults.Reset();

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("FUNCTIONSSENDER_SOAK_COUNT"), out var n) && n is > 0 and <= 9999 ? n : 200;

    [Fact]
    public async Task Every_notification_ends_terminal_none_lost_none_delivered_twice_under_30_percent_faults()
    {
        await app.PutSenderAsync("soak", StudioSimulatorDefaults.AuthToken, maxRequestsPerSecond: 500);
        app.Faults.Apply(new FaultSettings { ErrorRate = 0.3, ErrorStatuses = [500, 502, 503, 429], MinLatencyMs = 0, MaxLatencyMs = 100 });
        var numbers = Enumerable.Range(0, Count).Select(i => $"+1415556{i:D4}").ToList();
        var clock = Stopwatch.StartNew();

        var ids = new string[numbers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, numbers.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var response = await app.PostNotificationAsync(new { senderId = "soak", channel = "sms", to = numbers[i], message = $"{{\"OTP\":\"{i:D6}\"}}", expiresInSeconds = 600 });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        });
        var accepted = clock.Elapsed;

        var statuses = new Dictionary<string, int>();
        var attempts = 0;
        foreach (var id in ids)
        {
            var status = await app.WaitForTerminalStatusAsync(id, TimeSpan.FromMinutes(3));
            var value = status.GetProperty("status").GetString()!;
            statuses[value] = statuses.GetValueOrDefault(value) + 1;
            attempts += status.GetProperty("attempts").GetInt32();
        }

        var posts = app.Recorder.Requests.Where(r => r.Field("To") is { } to && to.StartsWith("+1415556", StringComparison.Ordinal)).ToList();
        var deliveredPerNumber = posts.Where(r => r.AnsweredStatus == 201).GroupBy(r => r.Field("To")).ToDictionary(g => g.Key!, g => g.Count());
        var twice = deliveredPerNumber.Count(p => p.Value > 1);
        output.WriteLine(
            $"soak: {Count} notifications, accepted in {accepted.TotalSeconds:F1} s, all terminal in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"statuses {string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}"))}; POSTs {posts.Count} (attempts recorded {attempts}), " +
            $"faulted {posts.Count(r => r.AnsweredStatus != 201)}; delivered twice {twice}");

        Assert.Equal(Count, statuses.Values.Sum());                     // none lost: every one terminal
        Assert.DoesNotContain(statuses.Keys, s => s is "queued" or "sending");
        Assert.Equal(0, twice);                                         // none delivered twice
        Assert.Equal(statuses.GetValueOrDefault("sent"), deliveredPerNumber.Count);
        Assert.Equal(posts.Count, attempts);                            // every POST is accounted for in the status
    }
}
