using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator.Executions;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.StudioSimulator.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task Records_form_fields_in_the_order_sent_and_the_basic_user()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(
            [new("Parameters", """{"otp":"1"}"""), new("From", "+15005550006"), new("To", "+14155550123")]);

        var recorded = Assert.Single(simulator.Recorder.Requests);
        Assert.Equal(["Parameters", "From", "To"], recorded.Form.Keys);
        Assert.Equal("+14155550123", recorded.Field("To"));
        Assert.Equal(StudioSimulatorDefaults.SmsFlowSid, recorded.FlowSid);
        Assert.Equal("POST", recorded.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", recorded.ContentType, StringComparison.Ordinal);
        Assert.Equal("Basic", recorded.AuthorizationScheme);
        Assert.Equal(StudioSimulatorDefaults.AccountSid, recorded.Username);
        Assert.True(recorded.PasswordMatched);
        Assert.Contains("To=%2B14155550123", recorded.RawBody, StringComparison.Ordinal);
        Assert.Equal(201, recorded.AnsweredStatus);
        var sid = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString();
        Assert.Equal(sid, recorded.ExecutionSid);
    }

    [Fact]
    public async Task Records_refused_requests_with_the_status_they_got()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var unauthorized = await simulator.CreateExecutionAsync(
            authorization: RunningSimulator.BasicAuthorization("SK" + new string('1', 32), "bad"));
        simulator.Faults.EnqueueStatus(500);
        using var faulted = await simulator.CreateExecutionAsync();

        var requests = simulator.Recorder.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(401, requests[0].AnsweredStatus);
        Assert.False(requests[0].PasswordMatched);
        Assert.Equal("SK" + new string('1', 32), requests[0].Username);
        Assert.Null(requests[0].ExecutionSid);
        Assert.Equal(500, requests[1].AnsweredStatus);
    }

    [Fact]
    public async Task WaitForRequestAsync_completes_when_a_matching_request_arrives()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var arrival = simulator.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550002", TimeSpan.FromSeconds(10));

        using var other = await simulator.CreateExecutionAsync(RunningSimulator.SampleForm("+14155550001"));
        Assert.False(arrival.IsCompleted);
        using var matching = await simulator.CreateExecutionAsync(RunningSimulator.SampleForm("+14155550002"));

        var recorded = await arrival;
        Assert.Equal(201, recorded.AnsweredStatus);
    }

    [Fact]
    public async Task WaitForRequestAsync_returns_a_request_that_already_arrived()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var response = await simulator.CreateExecutionAsync();

        var recorded = await simulator.Recorder.WaitForRequestAsync(r => r.AnsweredStatus == 201, TimeSpan.FromMilliseconds(10));

        Assert.Equal("+14155550123", recorded.Field("To"));
    }

    [Fact]
    public async Task WaitForRequestAsync_throws_TimeoutException_when_nothing_matches()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        await Assert.ThrowsAsync<TimeoutException>(
            () => simulator.Recorder.WaitForRequestAsync(_ => true, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Requests_endpoint_lists_recorded_requests_and_delete_clears_them()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var created = await simulator.CreateExecutionAsync();

        var json = await simulator.Client.GetStringAsync("_simulator/requests");
        using var cleared = await simulator.Client.DeleteAsync("_simulator/requests");

        using var document = JsonDocument.Parse(json);
        var recorded = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal(StudioSimulatorDefaults.SmsFlowSid, recorded.GetProperty("flowSid").GetString());
        Assert.Equal(StudioSimulatorDefaults.AccountSid, recorded.GetProperty("username").GetString());
        Assert.True(recorded.GetProperty("passwordMatched").GetBoolean());
        Assert.Equal(201, recorded.GetProperty("answeredStatus").GetInt32());
        Assert.Equal(["To", "From", "Parameters"], recorded.GetProperty("form").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(simulator.Recorder.Requests);
    }

    [Fact]
    public async Task Logs_a_masked_To_and_the_Parameters_only_when_LogParameters_is_on()
    {
        var logs = new CapturedLogs();
        await using (var simulator = await RunningSimulator.StartAsync(
            new Dictionary<string, string?>
            {
                ["StudioSimulator:LogParameters"] = "true",
                ["Logging:LogLevel:StudioSimulator"] = "Information",
            },
            builder => builder.Logging.AddProvider(logs)))
        {
            using var response = await simulator.CreateExecutionAsync();
        }

        var quietLogs = new CapturedLogs();
        await using (var simulator = await RunningSimulator.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:StudioSimulator"] = "Information" },
            builder => builder.Logging.AddProvider(quietLogs)))
        {
            using var response = await simulator.CreateExecutionAsync();
        }

        Assert.Contains(logs.Lines, l => l.Contains("+1415*****23", StringComparison.Ordinal) && l.Contains("201", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("+14155550123", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("\"otp\":\"123456\"", StringComparison.Ordinal));
        Assert.Contains(quietLogs.Lines, l => l.Contains("+1415*****23", StringComparison.Ordinal));
        Assert.DoesNotContain(quietLogs.Lines, l => l.Contains("123456", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+14155550123", "+1415*****23")]
    [InlineData("+447700900123", "+4477******23")]
    [InlineData("+12345", "******")]
    [InlineData(null, "(none)")]
    public void Masks_the_middle_of_phone_numbers(string? number, string expected) =>
        Assert.Equal(expected, PhoneNumberMask.Mask(number));
}
