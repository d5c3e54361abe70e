using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.Testing;
using Xunit.Abstractions;

namespace FunctionsSender.IntegrationTests.Delivery;

/// <summary>
/// Kills the host process in the middle of dispatching (no graceful shutdown), starts a new one, and counts what each
/// notification ended as. The new process picks up the unfinished messages once their lease lapses.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CrashRecoveryTests(AppFixture app, ITestOutputHelper output) : IDisposable
{
    private const int Count = 40;
    private const string NumberPrefix = "+1415557";

    public void Dispose() => app.Faults.Reset();

    [Fact]
    public async Task After_a_crash_mid_dispatch_every_notification_ends_terminal_on_restart()
    {
        await app.PutSenderAsync("crash", StudioSimulatorDefaults.AuthToken, maxRequestsPerSecond: 500);
        var port = AzuriteFixture.FreePorts(1)[0];
        var first = StartHost(port);
        Process? second = null;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(client);

            // Slow answers keep many deliveries in flight when the process dies.
            app.Faults.Apply(new FaultSettings { MinLatencyMs = 300, MaxLatencyMs = 900 });
            var ids = new List<string>();
            for (var i = 0; i < Count; i++)
            {
                var response = await client.PostAsJsonAsync("/api/v1/notifications", new
                {
                    senderId = "crash", channel = "sms", to = $"{NumberPrefix}{i:D4}", message = $"{{\"OTP\":\"{i:D6}\"}}", expiresInSeconds = 600,
                });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            }

            await WaitUntilAsync(() => Posts().Count >= 8, TimeSpan.FromSeconds(30));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var postsAtCrash = Posts().Count;
            var answeredAtCrash = Posts().Count(r => r.AnsweredStatus == 201);

            second = StartHost(port);
            var statuses = new Dictionary<string, int>();
            foreach (var id in ids)
            {
                var status = await app.WaitForTerminalStatusAsync(id, TimeSpan.FromMinutes(2));
                var value = status.GetProperty("status").GetString()!;
                statuses[value] = statuses.GetValueOrDefault(value) + 1;
            }

            var delivered = Posts().Where(r => r.AnsweredStatus == 201).GroupBy(r => r.Field("To")).ToDictionary(g => g.Key!, g => g.Count());
            var twice = delivered.Count(d => d.Value > 1);
            output.WriteLine(
                $"crash: {Count} notifications; killed after {postsAtCrash} POSTs ({answeredAtCrash} answered 201); after restart: " +
                $"{string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}"))}; numbers reached {delivered.Count}; delivered twice {twice}");

            Assert.Equal(Count, statuses.Values.Sum());
            Assert.DoesNotContain(statuses.Keys, s => s is "queued" or "sending");
            Assert.Equal(Count, delivered.Count);              // nothing lost: every number got its code
            Assert.True(twice <= postsAtCrash, "only deliveries in flight at the crash may repeat");
        }
        finally
        {
            foreach (var process in new[] { first, second })
            {
                if (process is { HasExited: false })
                {
                    process.Kill(entireProcessTree: true);
                }

                process?.Dispose();
            }
        }
    }

    private List<FunctionsSender.StudioSimulator.Recording.RecordedRequest> Posts() =>
        app.Recorder.Requests.Where(r => r.Field("To") is { } to && to.StartsWith(NumberPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>LocalHost as its own process, on its own notification queue so only it dispatches these.</summary>
    private Process StartHost(int port)
    {
        var root = AzuriteFixture.FindRepositoryRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.Combine(root, "src", "FunctionsSender.LocalHost", "bin", configuration, "net10.0", "FunctionsSender.LocalHost.dll");
        Assert.True(File.Exists(dll), $"build the solution first: {dll} is missing");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["AzureWebJobsStorage"] = app.Azurite.ConnectionString;
        start.Environment["FunctionsSender__SecretKey"] = app.SecretKey;
        start.Environment["FunctionsSender__AllowInsecureProviderUrls"] = "true";
        start.Environment["FunctionsSender__QueueName"] = "crash-notifications";
        start.Environment["FunctionsSender__RequestQueueName"] = "crash-requests";
        start.Environment["LocalHost__MessageLeaseSeconds"] = "3";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["LocalHost__ConsoleMetrics"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/api/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }
}
