using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.StudioSimulator.Faults;

namespace FunctionsSender.StudioSimulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Answers_a_scripted_500_once_then_201()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.EnqueueStatus(500);

        using var failed = await simulator.CreateExecutionAsync();
        using var succeeded = await simulator.CreateExecutionAsync();

        await ExecutionCreationTests.AssertTwilioErrorAsync(failed, HttpStatusCode.InternalServerError, 20500);
        Assert.Equal(HttpStatusCode.Created, succeeded.StatusCode);
        Assert.Equal(0, simulator.Faults.PendingScriptCount);
    }

    [Fact]
    public async Task Consumes_a_script_posted_over_http_in_order()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var scripted = await simulator.Client.PostAsJsonAsync("_simulator/script", new object[]
        {
            new { status = 503 },
            new { status = 429, retryAfterSeconds = 7 },
            new { status = 201 },
        });
        scripted.EnsureSuccessStatusCode();

        using var first = await simulator.CreateExecutionAsync();
        using var second = await simulator.CreateExecutionAsync();
        using var third = await simulator.CreateExecutionAsync();
        using var fourth = await simulator.CreateExecutionAsync();

        await ExecutionCreationTests.AssertTwilioErrorAsync(first, HttpStatusCode.ServiceUnavailable, 20503);
        await ExecutionCreationTests.AssertTwilioErrorAsync(second, (HttpStatusCode)429, 20429);
        Assert.Equal(TimeSpan.FromSeconds(7), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fourth.StatusCode);
    }

    [Fact]
    public async Task Answers_429_with_Retry_After_when_the_error_rate_picks_429()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var put = await simulator.Client.PutAsync(
            "_simulator/faults",
            JsonContent.Create(JsonNode.Parse("""{"errorRate":1.0,"errorStatuses":[429],"retryAfterSeconds":3}""")));
        put.EnsureSuccessStatusCode();

        using var response = await simulator.CreateExecutionAsync();

        var error = await ExecutionCreationTests.AssertTwilioErrorAsync(response, (HttpStatusCode)429, 20429);
        Assert.Equal("Too Many Requests", error.GetProperty("message").GetString());
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Picks_error_statuses_from_the_configured_list()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Apply(new FaultSettings { ErrorRate = 1, ErrorStatuses = [500, 503] });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await simulator.CreateExecutionAsync();
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable, $"got {s}"));
    }

    [Fact]
    public async Task Applies_faults_from_settings_at_start()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["StudioSimulator:Faults:ErrorRate"] = "1",
            ["StudioSimulator:Faults:ErrorStatuses:0"] = "503",
        });

        using var response = await simulator.CreateExecutionAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal([503], simulator.Faults.Settings.ErrorStatuses);
    }

    [Fact]
    public async Task Delays_answers_by_the_configured_latency()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Apply(new FaultSettings { MinLatencyMs = 300, MaxLatencyMs = 400 });

        var clock = Stopwatch.StartNew();
        using var response = await simulator.CreateExecutionAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 290, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Delays_a_scripted_answer_by_its_delayMs()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Enqueue(new ScriptedResponse(201, DelayMs: 300));

        var clock = Stopwatch.StartNew();
        using var response = await simulator.CreateExecutionAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(clock.ElapsedMilliseconds >= 290, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Never_answers_in_hang_mode_until_the_client_gives_up()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Apply(new FaultSettings { Hang = true });
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulator.CreateExecutionAsync(cancellationToken: giveUp.Token));

        var recorded = await simulator.Recorder.WaitForRequestAsync(TimeSpan.FromSeconds(5));
        Assert.Null(recorded.AnsweredStatus);
    }

    [Fact]
    public async Task Aborts_the_connection_in_drop_mode()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Enqueue(new ScriptedResponse(500, Drop: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => simulator.CreateExecutionAsync());

        using var next = await simulator.CreateExecutionAsync();
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Null(simulator.Recorder.Requests[0].AnsweredStatus);
    }

    [Fact]
    public async Task Applies_faults_to_fetch_and_list_as_well()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.EnqueueStatus(503, count: 2);

        using var list = await simulator.Client.GetAsync(RunningSimulator.ExecutionsPath());
        using var fetch = await simulator.Client.GetAsync($"{RunningSimulator.ExecutionsPath()}/FN{new string('0', 32)}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fetch.StatusCode);
    }

    [Fact]
    public async Task Delete_faults_clears_settings_and_script()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Apply(new FaultSettings { ErrorRate = 1 });
        simulator.Faults.EnqueueStatus(500, count: 3);

        using var reset = await simulator.Client.DeleteAsync("_simulator/faults");
        using var response = await simulator.CreateExecutionAsync();

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, simulator.Faults.PendingScriptCount);
    }

    [Fact]
    public async Task Reports_current_faults_and_pending_script()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Faults.Apply(new FaultSettings { ErrorRate = 0.25, ErrorStatuses = [502] });
        simulator.Faults.EnqueueStatus(500, count: 2);

        var faults = await simulator.Client.GetFromJsonAsync<JsonElement>("_simulator/faults");

        Assert.Equal(0.25, faults.GetProperty("settings").GetProperty("errorRate").GetDouble());
        Assert.Equal(2, faults.GetProperty("pendingScript").GetInt32());
    }

    [Fact]
    public async Task Refuses_fault_settings_out_of_range()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.Client.PutAsJsonAsync("_simulator/faults", new { errorRate = 1.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Throws<ArgumentException>(() => simulator.Faults.Apply(new FaultSettings { ErrorStatuses = [200] }));
    }
}
