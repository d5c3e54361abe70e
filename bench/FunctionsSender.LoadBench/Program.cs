using FunctionsSender.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using FunctionsSender.Core;
using FunctionsSender.LocalHost;
using FunctionsSender.StudioSimulator;
using FunctionsSender.StudioSimulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.LoadBench;

/// <summary>
/// bench/run's load benchmark. Every figure is printed beside a baseline measured in the same run (a bare loop doing
/// the same storage work against the same Azurite), with the queue depth it was measured at. See BENCHMARKS.md.
/// </summary>
internal static class Program
{
    private const string SenderId = "bench";
    private const string Queue = "otp-notifications";
    private const int Concurrency = 16;

    private static readonly Report Out = new();
    private static readonly string SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static int nextNumber;

    private static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var silence = TimeSpan.FromSeconds(quick ? 15 : 120);
        var silenceAt = Array.IndexOf(args, "--silence");
        if (silenceAt >= 0 && silenceAt + 1 < args.Length)
        {
            silence = TimeSpan.FromSeconds(double.Parse(args[silenceAt + 1], CultureInfo.InvariantCulture));
        }

        var saturationCount = quick ? 200 : 500;
        var paced = quick ? 100 : 300;
        const double Rate = 10; // OTPs per second for the latency figure
        var memorySeconds = quick ? 10 : 30;
        var root = FindRoot();
        var total = Stopwatch.StartNew();

        Console.WriteLine($"bench: {(quick ? "quick" : "full")} run; nproc {Environment.ProcessorCount}; load average {LoadAverage()}; silence {silence.TotalSeconds:0} s");
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var storage = azurite.ConnectionString;

        var simulator = StudioSimulatorApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StudioSimulator:LogParameters"] = "false",
                ["Logging:LogLevel:Default"] = "Warning", // a console line per execution would load the machine being measured
            });
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await simulator.StartAsync();
        var simAddress = simulator.GetSimulatorAddress();
        var recorder = simulator.GetRecorder();
        var executionsUrl = new Uri(simAddress, $"/v2/Flows/{StudioSimulatorDefaults.SmsFlowSid}/Executions");

        var queue = new QueueClient(storage, Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        // ---- Host A: intake only (queue functions disabled), for the saturation figure ----
        var countsA = new ConcurrentDictionary<string, long>();
        var hostA = BuildHost(storage, countsA, dispatch: false);
        await hostA.StartAsync();
        using (var client = NewClient(hostA))
        {
            await SeedAsync(client, executionsUrl);
            await RunClosedLoopAsync(40, 4, _ => PostOtpAsync(client, NextNumber())); // warm-up (JIT, caches, tables)
            await queue.ClearMessagesAsync();

            var before = StorageCounter.Snapshot(countsA);
            var accepted = 0;
            var elapsed = await RunClosedLoopAsync(saturationCount, Concurrency, async _ =>
            {
                if (await PostOtpAsync(client, NextNumber()) == 202)
                {
                    Interlocked.Increment(ref accepted);
                }
            });
            var delta = StorageCounter.Delta(before, StorageCounter.Snapshot(countsA));
            var depthAfter = await DepthAsync(queue);
            var intakeRate = accepted / elapsed.TotalSeconds;
            var intakeOps = delta.Where(kv => kv.Key.StartsWith("intake|", StringComparison.Ordinal)).Sum(kv => kv.Value) / (double)Math.Max(1, accepted);
            Out.Line($"intake saturation: {accepted}/{saturationCount} accepted (202) in {elapsed.TotalSeconds:0.00} s with {Concurrency} clients = {intakeRate:0.0}/s; {intakeOps:0.00} storage ops per intake; queue depth 0 → {depthAfter}");
            Out.Mix("intake mix (per accepted request, saturation run)", delta, accepted);
            await queue.ClearMessagesAsync();

            // The storage bound: the same operation mix done by a minimal loop, same concurrency, same Azurite.
            var unit = RawMix.FromCounts(delta, accepted);
            var raw = await RawMix.CreateAsync(storage, unit);
            var rawElapsed = await RunClosedLoopAsync(saturationCount, Concurrency, raw.RunUnitAsync);
            var rawOps = raw.Operations / rawElapsed.TotalSeconds;
            var rawDepth = await raw.DepthAsync();
            await raw.DisposeAsync();
            var efficiency = intakeRate * intakeOps / rawOps;
            Out.Line($"raw loop: {saturationCount} units of [{unit.Describe()}] in {rawElapsed.TotalSeconds:0.00} s = {rawOps:0} ops/s ({saturationCount / rawElapsed.TotalSeconds:0.0} units/s); queue depth 0 → {rawDepth}");
            Out.Figure("2. intake throughput at saturation", $"{intakeRate:0.0}/s × {intakeOps:0.00} ops = {intakeRate * intakeOps:0} ops/s",
                $"raw mix {rawOps:0} ops/s", efficiency, "efficiency ≥ 0.8", efficiency >= 0.8, $"0→{depthAfter} (raw 0→{rawDepth})");
        }

        await hostA.StopAsync();
        await hostA.DisposeAsync();
        await queue.ClearMessagesAsync();

        // ---- Host B: the whole app, for cost per OTP, latency and idle start ----
        var countsB = new ConcurrentDictionary<string, long>();
        var hostB = BuildHost(storage, countsB, dispatch: true);
        await hostB.StartAsync();
        double warmP50;
        using (var client = NewClient(hostB))
        {
            await PacedAsync(recorder, client, 20, Rate, null); // warm-up
            await Task.Delay(1000);

            var before = StorageCounter.Snapshot(countsB);
            using var depth = new DepthSampler(queue);
            var ours = await PacedAsync(recorder, client, paced, Rate, null);
            await Task.Delay(1500); // let the last deletes land
            var delta = StorageCounter.Delta(before, StorageCounter.Snapshot(countsB));
            var maxDepth = depth.Stop();
            var delivered = ours.Count;
            double PerOtp(Func<string, bool> which) => delta.Where(kv => which(kv.Key)).Sum(kv => kv.Value) / (double)Math.Max(1, delivered);
            var intake = PerOtp(k => k.StartsWith("intake|", StringComparison.Ordinal));
            var dispatchApp = PerOtp(k => k.StartsWith("dispatch|", StringComparison.Ordinal));
            var listenerOwn = PerOtp(k => k.StartsWith($"listener|queue {Queue} ", StringComparison.Ordinal));
            var listenerOther = PerOtp(k => k.StartsWith("listener|", StringComparison.Ordinal) && !k.StartsWith($"listener|queue {Queue} ", StringComparison.Ordinal));
            var perOtp = intake + dispatchApp + listenerOwn;
            Out.Mix($"storage transactions per delivered OTP ({delivered} delivered at {Rate}/s)", delta, delivered);
            Out.Figure("1. storage transactions per OTP", $"{perOtp:0.00} (intake {intake:0.00}, dispatch {dispatchApp + listenerOwn:0.00})",
                "target 6 (enqueue, dequeue, delete, 2 status writes, 1 status read)", perOtp / 6, "≤ 6", perOtp <= 6,
                $"max {maxDepth}; + {listenerOther:0.00}/OTP idle polls of the other 2 queues");

            var (p50, p95, p99) = Percentiles(ours.Values);
            warmP50 = p50;
            var bare = await BareLoop.RunAsync(storage, recorder, executionsUrl, paced, Rate, NextNumber);
            var (b50, b95, b99) = Percentiles(bare.Latencies);
            Out.Line($"latency: ours {ours.Count}/{paced} delivered, bare loop {bare.Latencies.Count}/{paced}");
            Out.Figure($"3. end-to-end latency at {Rate}/s (ms)", $"p50 {p50:0} / p95 {p95:0} / p99 {p99:0}",
                $"bare loop p50 {b50:0} / p95 {b95:0} / p99 {b99:0}", p50 / b50, "p50 ≤ 2× bare", p50 <= 2 * b50,
                $"max {maxDepth} (bare max {bare.MaxDepth})");

            // Idle start: silence, so the listener backs off to host.json's maxPollingInterval, then one OTP.
            Out.Line($"silence: {silence.TotalSeconds:0} s …");
            var idleBefore = StorageCounter.Snapshot(countsB);
            await Task.Delay(silence);
            var idleDelta = StorageCounter.Delta(idleBefore, StorageCounter.Snapshot(countsB));
            var idlePerMinute = idleDelta.Values.Sum() / silence.TotalMinutes;
            Out.Line($"idle polling: {idlePerMinute:0} storage transactions per minute for the 3 queue listeners ({string.Join(", ", idleDelta.Select(kv => $"{kv.Key} {kv.Value}"))})");
            var idle = await PacedAsync(recorder, client, 1, 1, null);
            var idleMs = idle.Values.Single();
            Out.Figure($"4. idle-start latency after {silence.TotalSeconds:0} s (ms)", $"{idleMs:0}",
                $"warm p50 {warmP50:0}; maxPollingInterval {hostB.Services.GetRequiredService<HostJsonSettings>().Queues.MaxPollingInterval.TotalMilliseconds:0}",
                idleMs / 2000, "≤ 2000", idleMs <= 2000, "0→1");
        }

        await hostB.StopAsync();
        await hostB.DisposeAsync();
        await queue.ClearMessagesAsync();

        // ---- LocalHost as its own process, for peak memory ----
        await MeasureMemoryAsync(root, storage, recorder, queue, memorySeconds);

        await simulator.StopAsync();
        await simulator.DisposeAsync();
        Out.Line($"load benchmark finished in {total.Elapsed.TotalSeconds:0} s; load average {LoadAverage()}");
        Out.Print(Path.Combine(root, "bench", "out", quick ? "load-quick.md" : "load.md"));
        return 0;
    }

    private static WebApplication BuildHost(string storage, ConcurrentDictionary<string, long> counts, bool dispatch)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["FunctionsSender:SecretKey"] = SecretKey,
            ["FunctionsSender:AllowInsecureProviderUrls"] = "true",
            // Unique numbers per OTP keep the destination limit (default 5 per 10 min) out of the way; the country
            // guard is raised so the run stays under it (1,000,000 per hour = 16 counter shards).
            ["FunctionsSender:MaxPerCountryPerWindow"] = "1000000",
            ["LocalHost:FunctionKey"] = null,
            ["LocalHost:MasterKey"] = null,
        };
        if (!dispatch)
        {
            foreach (var name in new[] { "DispatchNotification", "FailExhaustedNotification", "AcceptQueuedRequest" })
            {
                settings[LocalFunctionsHost.DisabledSetting(name)] = "true";
            }
        }

        var accessor = new HttpContextAccessor();
        return LocalFunctionsHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            b =>
            {
                b.Configuration.AddInMemoryCollection(settings);
                // Console logging per message would measure the console; warnings and errors still show.
                b.Logging.SetMinimumLevel(LogLevel.Warning);
                // The SDK logs every 412 of a contended counter row as a warning; the counter policy counts them instead.
                b.Logging.AddFilter("Azure", LogLevel.Error);
            },
            registerServices: (services, configuration) =>
            {
                services.AddFunctionsSender(configuration);
                services.AddSingleton<IHttpContextAccessor>(accessor);
                var appCounter = new StorageCounter(counts, accessor, null);
                services.AddAzureClients(b => b.ConfigureDefaults(o => o.AddPolicy(appCounter, HttpPipelinePosition.PerRetry)));
                var listenerCounter = new StorageCounter(counts, null, "listener");
                services.AddSingleton<ConfigureQueueListenerClient>(o => o.AddPolicy(listenerCounter, HttpPipelinePosition.PerRetry));
            });
    }

    private static HttpClient NewClient(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    private static async Task SeedAsync(HttpClient client, Uri executionsUrl)
    {
        var sender = new
        {
            name = "bench",
            maxRequestsPerSecond = 1000, // the simulator has no 20/s account limit; the bench measures our path
            authorization = new { type = "basic", username = StudioSimulatorDefaults.AccountSid, password = StudioSimulatorDefaults.AuthToken },
            numbers = new object[] { new { type = "standard", number = "+14155550100", sms = true, voice = false } },
            sms = new
            {
                method = "POST",
                url = executionsUrl.ToString(),
                bodyFormat = "form",
                form = new[] { new { key = "From", value = "${from}" }, new { key = "To", value = "${to}" }, new { key = "Parameters", value = "${message}" } },
            },
        };
        await EnsureAsync(await client.PutAsJsonAsync($"/api/v1/senders/{SenderId}", sender));
        await EnsureAsync(await client.PutAsJsonAsync("/api/v1/templates/strong_authentication/sms/default",
            new { message = "{\"OTP\":${otp}, \"username\":${user.username}}" }));

        static async Task EnsureAsync(HttpResponseMessage response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"seeding answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>A fresh valid US number per OTP (+1 415/650/408 555-xxxx).</summary>
    internal static string NextNumber()
    {
        var n = Interlocked.Increment(ref nextNumber);
        var area = (n / 10_000) switch { 0 => "415", 1 => "650", 2 => "408", _ => "510" };
        return $"+1{area}555{n % 10_000:0000}";
    }

    private static async Task<int> PostOtpAsync(HttpClient client, string to)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/notifications", new
        {
            senderId = SenderId,
            channel = "sms",
            to,
            template = "strong_authentication",
            variables = new Dictionary<string, string> { ["otp"] = "012345", ["user.username"] = "alice" },
        });
        return (int)response.StatusCode;
    }

    /// <summary>Sends <paramref name="count"/> OTPs at <paramref name="rate"/>/s (open loop) and returns request → simulator latency by number.</summary>
    private static async Task<Dictionary<string, double>> PacedAsync(SimulatorRecorder recorder, HttpClient client, int count, double rate, Action<int>? onStatus)
    {
        var sent = new ConcurrentDictionary<string, DateTimeOffset>();
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var to = NextNumber();
            sent[to] = DateTimeOffset.UtcNow;
            posts.Add(Task.Run(async () =>
            {
                var status = await PostOtpAsync(client, to);
                onStatus?.Invoke(status);
                if (status != 202)
                {
                    Console.WriteLine($"bench: POST answered {status}");
                }
            }));
        }

        await Task.WhenAll(posts);
        return await CollectAsync(recorder, sent, TimeSpan.FromSeconds(60));
    }

    internal static async Task<Dictionary<string, double>> CollectAsync(SimulatorRecorder recorder, IReadOnlyDictionary<string, DateTimeOffset> sent, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = new Dictionary<string, double>();
            foreach (var request in recorder.Requests)
            {
                if (request.Field("To") is { } to && sent.TryGetValue(to, out var at) && !received.ContainsKey(to))
                {
                    received[to] = (request.ReceivedAt - at).TotalMilliseconds;
                }
            }

            if (received.Count >= sent.Count || DateTime.UtcNow > deadline)
            {
                return received;
            }

            await Task.Delay(50);
        }
    }

    internal static async Task<TimeSpan> RunClosedLoopAsync(int count, int workers, Func<int, Task> work)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await work(i);
            }
        })));
        return clock.Elapsed;
    }

    internal static async Task<int> DepthAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    internal static (double P50, double P95, double P99) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (At(0.50), At(0.95), At(0.99));
    }

    private static async Task MeasureMemoryAsync(string root, string storage, SimulatorRecorder recorder, QueueClient queue, int seconds)
    {
        var dll = Path.Combine(root, "src", "FunctionsSender.LocalHost", "bin", "Release", "net10.0", "FunctionsSender.LocalHost.dll");
        if (!File.Exists(dll))
        {
            Out.Line($"memory: {dll} not built; skipped");
            return;
        }

        var port = AzuriteProcess.FreePorts(1)[0];
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["FunctionsSender__SecretKey"] = SecretKey;
        start.Environment["FunctionsSender__AllowInsecureProviderUrls"] = "true";
        start.Environment["FunctionsSender__MaxPerCountryPerWindow"] = "1000000";
        start.Environment["LocalHost__ScriptRoot"] = root;
        start.Environment["LocalHost__FunctionKey"] = "";
        start.Environment["LocalHost__MasterKey"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Azure"] = "Error";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("LocalHost did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.WriteLine("localhost: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    using var health = await client.GetAsync("/api/health");
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                }

                await Task.Delay(200);
            }

            await PacedAsync(recorder, client, 40, 20, null); // warm-up
            await Task.Delay(2000);
            var idle = ProcStatus.Read(process.Id);
            const double Rate = 40;
            var count = (int)(seconds * Rate);
            var peakRss = 0L;
            var peakAnon = 0L;
            using var sampling = new CancellationTokenSource();
            using var depth = new DepthSampler(queue);
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    var s = ProcStatus.Read(process.Id);
                    peakRss = Math.Max(peakRss, s.RssKb);
                    peakAnon = Math.Max(peakAnon, s.AnonKb);
                    try
                    {
                        await Task.Delay(200, sampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
            var load = await PacedAsync(recorder, client, count, Rate, null);
            await sampling.CancelAsync();
            await sampler;
            var end = ProcStatus.Read(process.Id);
            var maxDepth = depth.Stop();
            var (p50, _, p99) = Percentiles(load.Values);
            Out.Line($"memory load: {load.Count}/{count} delivered at {Rate}/s over {seconds} s (latency p50 {p50:0} ms, p99 {p99:0} ms); peak RSS {peakRss / 1024.0:0.0} MB, peak anonymous (private) {peakAnon / 1024.0:0.0} MB");
            Out.Figure("5. LocalHost peak memory under load (MB)", $"VmHWM {end.HwmKb / 1024.0:0.0} (private {peakAnon / 1024.0:0.0})",
                $"same process idle after warm-up: RSS {idle.RssKb / 1024.0:0.0} (private {idle.AnonKb / 1024.0:0.0})",
                end.HwmKb / (double)Math.Max(1, idle.RssKb), "≤ 250 MB", end.HwmKb / 1024.0 <= 250, $"max {maxDepth}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FunctionsSender.sln")))
            {
                return d.FullName;
            }
        }

        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "FunctionsSender.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsSender.sln not found");
    }
}

/// <summary>Samples a queue's approximate depth every 250 ms with an uncounted client; Stop returns the maximum.</summary>
internal sealed class DepthSampler : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<int> sampling;

    public DepthSampler(QueueClient queue)
    {
        sampling = Task.Run(async () =>
        {
            var max = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    max = Math.Max(max, await Program.DepthAsync(queue));
                    await Task.Delay(250, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
                catch (RequestFailedException)
                {
                }
            }

            return max;
        });
    }

    public int Stop()
    {
        stop.Cancel();
        return sampling.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}

internal readonly record struct ProcStatus(long RssKb, long HwmKb, long AnonKb)
{
    public static ProcStatus Read(int pid)
    {
        long Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                ? long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
                : 0;
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcStatus(Field(lines, "VmRSS"), Field(lines, "VmHWM"), Field(lines, "RssAnon"));
        }
        catch (IOException)
        {
            return default;
        }
    }
}

/// <summary>The bare path the product's latency is compared with: enqueue → receive → POST → delete, nothing else.</summary>
internal static class BareLoop
{
    public static async Task<(List<double> Latencies, int MaxDepth)> RunAsync(
        string storage, SimulatorRecorder recorder, Uri executionsUrl, int count, double rate, Func<string> numbers)
    {
        var queue = new QueueClient(storage, "bench-bare", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StudioSimulatorDefaults.AccountSid}:{StudioSimulatorDefaults.AuthToken}")));
        using var stop = new CancellationTokenSource();
        var consumer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
                if (messages.Length == 0)
                {
                    try
                    {
                        await Task.Delay(100, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    continue;
                }

                await Task.WhenAll(messages.Select(async m =>
                {
                    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["From"] = "+14155550100", ["To"] = m.Body.ToString(), ["Parameters"] = "{\"OTP\":\"012345\",\"username\":\"alice\"}",
                    });
                    using var response = await http.PostAsync(executionsUrl, form);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }));
            }
        });

        // Warm-up, then the measured run at the same rate as ours.
        foreach (var warm in new[] { 20, count })
        {
            var sent = new ConcurrentDictionary<string, DateTimeOffset>();
            using var depth = new DepthSampler(queue);
            var clock = Stopwatch.StartNew();
            var sends = new List<Task>();
            for (var i = 0; i < warm; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var to = numbers();
                sent[to] = DateTimeOffset.UtcNow;
                sends.Add(queue.SendMessageAsync(to));
            }

            await Task.WhenAll(sends);
            var latencies = await Program.CollectAsync(recorder, sent, TimeSpan.FromSeconds(60));
            var maxDepth = depth.Stop();
            if (warm == count)
            {
                await stop.CancelAsync();
                await consumer;
                await queue.DeleteAsync();
                return ([.. latencies.Values], maxDepth);
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>The intake's storage operations as counted, redone by a minimal loop on tables and a queue of its own.</summary>
internal sealed class RawMix : IAsyncDisposable
{
    private readonly List<string> ops;
    private readonly Dictionary<string, TableClient> tables = [];
    private readonly QueueClient queue;
    private long operations;

    private RawMix(List<string> ops, string storage)
    {
        this.ops = ops;
        queue = new QueueClient(storage, "bench-raw", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var service = new TableServiceClient(storage);
        foreach (var table in ops.Where(o => o.StartsWith("table ", StringComparison.Ordinal)).Select(o => o.Split(' ')[1]).Distinct())
        {
            tables[table] = service.GetTableClient("raw" + table);
        }
    }

    public sealed record Unit(List<string> Ops)
    {
        public string Describe() => string.Join(", ", Ops);
    }

    public long Operations => Interlocked.Read(ref operations);

    /// <summary>Each counted intake operation, rounded to whole operations per request, in the order the intake does them.</summary>
    public static Unit FromCounts(Dictionary<string, long> delta, int requests)
    {
        static int Order(string op) => op.Contains("ratelimits", StringComparison.Ordinal) ? 0 : op.Contains("idempotency", StringComparison.Ordinal) ? 1 : op.StartsWith("table", StringComparison.Ordinal) ? 2 : 3;
        var list = new List<string>();
        foreach (var (key, value) in delta.Where(kv => kv.Key.StartsWith("intake|", StringComparison.Ordinal)).OrderBy(kv => Order(kv.Key[7..])))
        {
            var times = (int)Math.Round(value / (double)requests);
            for (var i = 0; i < times; i++)
            {
                list.Add(key[7..]);
            }
        }

        return new Unit(list);
    }

    public static async Task<RawMix> CreateAsync(string storage, Unit unit)
    {
        var mix = new RawMix(unit.Ops, storage);
        await mix.queue.CreateIfNotExistsAsync();
        foreach (var table in mix.tables.Values)
        {
            await table.CreateIfNotExistsAsync();
            for (var shard = 0; shard < 16; shard++)
            {
                await table.UpsertEntityAsync(new TableEntity("existing", shard.ToString(CultureInfo.InvariantCulture)) { ["Count"] = 1 });
            }
        }

        return mix;
    }

    public async Task RunUnitAsync(int index)
    {
        foreach (var op in ops)
        {
            var parts = op.Split(' ');
            var shard = Random.Shared.Next(16).ToString(CultureInfo.InvariantCulture);
            try
            {
                switch (parts[0], parts[^1])
                {
                    case ("queue", "enqueue"):
                        await queue.SendMessageAsync("{\"id\":\"raw\",\"sealed\":\"" + new string('x', 400) + "\"}");
                        break;
                    case ("table", "insert"):
                        await tables[parts[1]].AddEntityAsync(new TableEntity(Guid.NewGuid().ToString("N"), "r") { ["Count"] = 1, ["History"] = new string('x', 200) });
                        break;
                    case ("table", "insert(409)"):
                        await tables[parts[1]].AddEntityAsync(new TableEntity("existing", shard) { ["Count"] = 1 });
                        break;
                    case ("table", "read"):
                        await tables[parts[1]].GetEntityIfExistsAsync<TableEntity>("existing", shard);
                        break;
                    case ("table", "read(404)"):
                        await tables[parts[1]].GetEntityIfExistsAsync<TableEntity>("missing", Guid.NewGuid().ToString("N"));
                        break;
                    case ("table", "update"):
                        await tables[parts[1]].UpdateEntityAsync(new TableEntity("existing", shard) { ["Count"] = index }, ETag.All, TableUpdateMode.Replace);
                        break;
                    default:
                        continue; // not a data operation we redo (admin calls, rare retries)
                }
            }
            catch (RequestFailedException)
            {
                // The 409s are the point of the insert(409) op.
            }

            Interlocked.Increment(ref operations);
        }
    }

    public Task<int> DepthAsync() => Program.DepthAsync(queue);

    public async ValueTask DisposeAsync()
    {
        await queue.DeleteIfExistsAsync();
        foreach (var table in tables.Values)
        {
            await table.DeleteAsync();
        }
    }
}

/// <summary>Collects the lines and the figures table; prints both and writes them as Markdown.</summary>
internal sealed class Report
{
    private readonly List<string> lines = [];
    private readonly List<string> figures = [];

    public void Line(string text)
    {
        Console.WriteLine("bench: " + text);
        lines.Add(text);
    }

    public void Mix(string title, Dictionary<string, long> delta, int per)
    {
        Line(title + ":");
        foreach (var (key, value) in delta.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Line($"    {key.Replace('|', ' '),-60} {value,6}  {value / (double)Math.Max(1, per),6:0.00}");
        }
    }

    public void Figure(string name, string value, string baseline, double ratio, string target, bool met, string depth)
    {
        var row = $"| {name} | {value} | {baseline} | {ratio:0.00} | {target} | {(met ? "met" : "**not met**")} | {depth} |";
        figures.Add(row);
        Console.WriteLine("bench: FIGURE " + row);
    }

    public void Print(string path)
    {
        var header = new[]
        {
            "| figure | ours | baseline (same run) | ratio | target | | queue depth |",
            "|---|---|---|---:|---|---|---|",
        };
        Console.WriteLine();
        foreach (var row in header.Concat(figures.Order(StringComparer.Ordinal)))
        {
            Console.WriteLine(row);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, header.Concat(figures.Order(StringComparer.Ordinal)).Append("").Concat(lines.Select(l => "    " + l)));
        Console.WriteLine($"(written to {path})");
    }
}
