using FunctionsSender.StudioSimulator.Faults;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Studio.V2.Flow;
using Twilio.Types;

namespace FunctionsSender.StudioSimulator.Tests;

/// <summary>Points Twilio's own C# library at the simulator: every answer must parse as it would from Twilio.</summary>
public sealed class TwilioLibraryCompatibilityTests
{
    [Fact]
    public async Task Twilio_library_creates_an_execution_and_parses_every_field()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);

        var execution = await ExecutionResource.CreateAsync(
            to: new PhoneNumber("+14155550123"),
            from: new PhoneNumber("+15005550006"),
            pathFlowSid: StudioSimulatorDefaults.SmsFlowSid,
            parameters: new Dictionary<string, object> { ["otp"] = "123456" },
            client: client);

        Assert.StartsWith("FN", execution.Sid, StringComparison.Ordinal);
        Assert.Equal(StudioSimulatorDefaults.AccountSid, execution.AccountSid);
        Assert.Equal(StudioSimulatorDefaults.SmsFlowSid, execution.FlowSid);
        Assert.Equal("+14155550123", execution.ContactChannelAddress);
        Assert.Equal(ExecutionResource.StatusEnum.Active, execution.Status);
        Assert.NotNull(execution.DateCreated);
        Assert.NotNull(execution.DateUpdated);
        Assert.Equal(new Uri($"https://studio.twilio.com/v2/Flows/{StudioSimulatorDefaults.SmsFlowSid}/Executions/{execution.Sid}"), execution.Url);
        Assert.Contains("123456", execution.Context.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, execution.Links.Count);

        var recorded = Assert.Single(simulator.Recorder.Requests);
        Assert.Equal("+14155550123", recorded.Field("To"));
        Assert.Equal("""{"otp":"123456"}""", recorded.Field("Parameters"));
        Assert.Equal(StudioSimulatorDefaults.AccountSid, recorded.Username);
    }

    [Fact]
    public async Task Twilio_library_fetches_an_execution()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);
        var created = await CreateAsync(client, "+14155550123");

        var fetched = await ExecutionResource.FetchAsync(StudioSimulatorDefaults.SmsFlowSid, created.Sid, client);

        Assert.Equal(created.Sid, fetched.Sid);
        Assert.Equal(created.ContactChannelAddress, fetched.ContactChannelAddress);
        Assert.Equal(created.DateCreated, fetched.DateCreated);
    }

    [Fact]
    public async Task Twilio_library_reads_every_page_of_executions()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);
        var sids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sids.Add((await CreateAsync(client, $"+1415555000{i}")).Sid);
        }

        var read = (await ExecutionResource.ReadAsync(StudioSimulatorDefaults.SmsFlowSid, pageSize: 2, client: client)).ToList();

        Assert.Equal(Enumerable.Reverse(sids), read.Select(e => e.Sid));
    }

    [Fact]
    public async Task Twilio_library_surfaces_a_wrong_token_as_ApiException_with_code_20003()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator, password: "wrong-token");

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(client, "+14155550123"));

        Assert.Equal(20003, error.Code);
        Assert.Equal(401, error.Status);
        Assert.Equal("Authenticate", error.Message);
        Assert.Equal("https://www.twilio.com/docs/errors/20003", error.MoreInfo);
    }

    [Fact]
    public async Task Twilio_library_surfaces_an_unknown_flow_as_ApiException_with_code_20404()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["StudioSimulator:Flows"] = StudioSimulatorDefaults.SmsFlowSid,
        });
        var client = TwilioClientFor(simulator);

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(client, "+14155550123", StudioSimulatorDefaults.VoiceFlowSid));

        Assert.Equal(20404, error.Code);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Twilio_library_surfaces_an_unknown_execution_as_ApiException_with_code_20404()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);

        var error = await Assert.ThrowsAsync<ApiException>(
            () => ExecutionResource.FetchAsync(StudioSimulatorDefaults.SmsFlowSid, "FN" + new string('0', 32), client));

        Assert.Equal(20404, error.Code);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Twilio_library_surfaces_an_invalid_Parameters_as_ApiException_with_code_20001()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);

        var error = await Assert.ThrowsAsync<ApiException>(() => ExecutionResource.CreateAsync(
            to: new PhoneNumber("+14155550123"),
            from: new PhoneNumber("+15005550006"),
            pathFlowSid: StudioSimulatorDefaults.SmsFlowSid,
            parameters: "not json",
            client: client));

        Assert.Equal(20001, error.Code);
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData(429, 20429)]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    public async Task Twilio_library_surfaces_injected_failures_as_ApiException(int status, int code)
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var client = TwilioClientFor(simulator);
        simulator.Faults.Enqueue(new ScriptedResponse(status, RetryAfterSeconds: 1));

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(client, "+14155550123"));
        var retried = await CreateAsync(client, "+14155550123");

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.Status);
        Assert.StartsWith("FN", retried.Sid, StringComparison.Ordinal);
    }

    private static Task<ExecutionResource> CreateAsync(
        ITwilioRestClient client,
        string to,
        string flowSid = StudioSimulatorDefaults.SmsFlowSid) =>
        ExecutionResource.CreateAsync(
            to: new PhoneNumber(to),
            from: new PhoneNumber("+15005550006"),
            pathFlowSid: flowSid,
            parameters: new Dictionary<string, object> { ["otp"] = "123456" },
            client: client);

    private static TwilioRestClient TwilioClientFor(RunningSimulator simulator, string password = StudioSimulatorDefaults.AuthToken)
    {
#pragma warning disable CA2000 // The HttpClient lives as long as the Twilio client, which lives as long as the test.
        var http = new HttpClient(new StudioRedirect(simulator.Address) { InnerHandler = new HttpClientHandler() });
#pragma warning restore CA2000
        return new TwilioRestClient(
            StudioSimulatorDefaults.AccountSid,
            password,
            httpClient: new Twilio.Http.SystemNetHttpClient(http));
    }

    /// <summary>Sends what Twilio's library addresses to https://studio.twilio.com to the simulator instead.</summary>
    private sealed class StudioRedirect(Uri simulator) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            Assert.Equal("studio.twilio.com", original.Host);
            request.RequestUri = new Uri(simulator, original.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
