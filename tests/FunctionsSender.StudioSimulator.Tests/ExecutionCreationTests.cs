using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FunctionsSender.StudioSimulator.Tests;

public sealed partial class ExecutionCreationTests
{
    [Fact]
    public async Task Answers_201_with_an_execution_shaped_like_Twilios()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var execution = json.RootElement;
        var sid = execution.GetProperty("sid").GetString()!;
        Assert.Matches(ExecutionSid(), sid);
        Assert.Equal(StudioSimulatorDefaults.AccountSid, execution.GetProperty("account_sid").GetString());
        Assert.Equal(StudioSimulatorDefaults.SmsFlowSid, execution.GetProperty("flow_sid").GetString());
        Assert.Equal("+14155550123", execution.GetProperty("contact_channel_address").GetString());
        Assert.Equal("active", execution.GetProperty("status").GetString());
        Assert.Equal(1, execution.GetProperty("flow_version").GetInt32());
        Assert.Matches(UtcSeconds(), execution.GetProperty("date_created").GetString()!);
        Assert.Equal(execution.GetProperty("date_created").GetString(), execution.GetProperty("date_updated").GetString());
        var url = $"https://studio.twilio.com/v2/Flows/{StudioSimulatorDefaults.SmsFlowSid}/Executions/{sid}";
        Assert.Equal(url, execution.GetProperty("url").GetString());
        Assert.Equal(url + "/Steps", execution.GetProperty("links").GetProperty("steps").GetString());
        Assert.Equal(url + "/Context", execution.GetProperty("links").GetProperty("execution_context").GetString());
    }

    [Fact]
    public async Task Puts_Parameters_under_flow_data_in_the_context()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync();

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = json.RootElement.GetProperty("context").GetProperty("flow").GetProperty("data");
        Assert.Equal("123456", data.GetProperty("otp").GetString());
        Assert.Equal(5, data.GetProperty("ttl_minutes").GetInt32());
    }

    [Fact]
    public async Task Answers_with_an_empty_context_when_Parameters_is_absent()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync([new("To", "+14155550123"), new("From", "+15005550006")]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("{}", json.RootElement.GetProperty("context").GetRawText());
    }

    [Theory]
    [InlineData("To")]
    [InlineData("From")]
    public async Task Answers_400_with_code_20001_when_a_required_field_is_missing(string missing)
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var form = RunningSimulator.SampleForm().Where(f => f.Key != missing);

        using var response = await simulator.CreateExecutionAsync(form);

        var error = await AssertTwilioErrorAsync(response, HttpStatusCode.BadRequest, 20001);
        Assert.Equal($"Missing required parameter {missing} in the post body", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task Answers_400_with_code_20001_when_Parameters_is_not_a_json_object(string parameters)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(
            [new("To", "+14155550123"), new("From", "+15005550006"), new("Parameters", parameters)]);

        var error = await AssertTwilioErrorAsync(response, HttpStatusCode.BadRequest, 20001);
        Assert.Contains("Parameters", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_401_with_code_20003_for_a_wrong_token()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(
            authorization: RunningSimulator.BasicAuthorization(StudioSimulatorDefaults.AccountSid, "wrong-token"));

        var error = await AssertTwilioErrorAsync(response, HttpStatusCode.Unauthorized, 20003);
        Assert.Equal("Authenticate", error.GetProperty("message").GetString());
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Answers_401_with_code_20003_without_authorization()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Client.DefaultRequestHeaders.Authorization = null;

        using var response = await simulator.Client.PostAsync(
            RunningSimulator.ExecutionsPath(), new FormUrlEncodedContent(RunningSimulator.SampleForm()));

        await AssertTwilioErrorAsync(response, HttpStatusCode.Unauthorized, 20003);
    }

    [Fact]
    public async Task Answers_401_for_an_unknown_account_sid()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(
            authorization: RunningSimulator.BasicAuthorization("AC" + new string('b', 32), StudioSimulatorDefaults.AuthToken));

        await AssertTwilioErrorAsync(response, HttpStatusCode.Unauthorized, 20003);
    }

    [Fact]
    public async Task Accepts_an_api_key_sid_as_the_basic_user()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(
            authorization: RunningSimulator.BasicAuthorization("SK" + new string('0', 32), StudioSimulatorDefaults.AuthToken));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Uses_credentials_from_settings()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["StudioSimulator:AccountSid"] = "AC" + new string('c', 32),
            ["StudioSimulator:AuthToken"] = "configured-token",
        });

        using var withDefaults = await simulator.CreateExecutionAsync();
        using var withConfigured = await simulator.CreateExecutionAsync(
            authorization: RunningSimulator.BasicAuthorization("AC" + new string('c', 32), "configured-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, withDefaults.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withConfigured.StatusCode);
        var execution = await withConfigured.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AC" + new string('c', 32), execution.GetProperty("account_sid").GetString());
    }

    [Fact]
    public async Task Answers_404_with_code_20404_for_a_flow_not_listed_in_Flows()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["StudioSimulator:Flows"] = $"{StudioSimulatorDefaults.SmsFlowSid}, {StudioSimulatorDefaults.VoiceFlowSid}",
        });
        var unknownFlow = "FW" + new string('9', 32);

        using var known = await simulator.CreateExecutionAsync(flowSid: StudioSimulatorDefaults.VoiceFlowSid);
        using var unknown = await simulator.CreateExecutionAsync(flowSid: unknownFlow);

        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
        var error = await AssertTwilioErrorAsync(unknown, HttpStatusCode.NotFound, 20404);
        Assert.Equal($"The requested resource /v2/Flows/{unknownFlow}/Executions was not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Accepts_any_well_formed_flow_sid_when_Flows_is_unset()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(flowSid: "FW" + new string('e', 32));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("FW123")]
    [InlineData("XX11111111111111111111111111111111")]
    [InlineData("FW1111111111111111111111111111111z")]
    public async Task Answers_404_with_code_20404_for_a_malformed_flow_sid(string flowSid)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.CreateExecutionAsync(flowSid: flowSid);

        await AssertTwilioErrorAsync(response, HttpStatusCode.NotFound, 20404);
    }

    [Fact]
    public async Task Gives_every_execution_a_new_sid()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var first = await simulator.CreateExecutionAsync();
        using var second = await simulator.CreateExecutionAsync();

        var firstSid = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString();
        var secondSid = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString();
        Assert.NotEqual(firstSid, secondSid);
    }

    internal static async Task<JsonElement> AssertTwilioErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal((int)status, error.GetProperty("status").GetInt32());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.GetProperty("more_info").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }

    [GeneratedRegex("^FN[0-9a-f]{32}$")]
    private static partial Regex ExecutionSid();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex UtcSeconds();
}
