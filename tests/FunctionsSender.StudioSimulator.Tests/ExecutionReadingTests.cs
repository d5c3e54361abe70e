using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsSender.StudioSimulator.Tests;

public sealed class ExecutionReadingTests
{
    [Fact]
    public async Task Lists_executions_of_a_flow_newest_first_in_Twilios_page_shape()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var first = await CreateAsync(simulator, "+14155550001");
        var second = await CreateAsync(simulator, "+14155550002");
        await CreateAsync(simulator, "+14155550003", StudioSimulatorDefaults.VoiceFlowSid);

        var page = await simulator.Client.GetFromJsonAsync<JsonElement>(RunningSimulator.ExecutionsPath());

        var sids = page.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("sid").GetString()).ToList();
        Assert.Equal([second, first], sids);
        var meta = page.GetProperty("meta");
        Assert.Equal(0, meta.GetProperty("page").GetInt32());
        Assert.Equal(50, meta.GetProperty("page_size").GetInt32());
        Assert.Equal("executions", meta.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("previous_page_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("next_page_url").ValueKind);
        Assert.StartsWith($"https://studio.twilio.com/v2/Flows/{StudioSimulatorDefaults.SmsFlowSid}/Executions?", meta.GetProperty("first_page_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(meta.GetProperty("first_page_url").GetString(), meta.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Pages_with_PageSize_and_links_the_next_and_previous_pages()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        await CreateAsync(simulator, "+14155550001");
        await CreateAsync(simulator, "+14155550002");
        await CreateAsync(simulator, "+14155550003");

        var firstPage = await simulator.Client.GetFromJsonAsync<JsonElement>(RunningSimulator.ExecutionsPath() + "?PageSize=2");
        var next = new Uri(firstPage.GetProperty("meta").GetProperty("next_page_url").GetString()!);
        var secondPage = await simulator.Client.GetFromJsonAsync<JsonElement>(RunningSimulator.ExecutionsPath() + next.Query);

        Assert.Equal(2, firstPage.GetProperty("executions").GetArrayLength());
        Assert.Equal(1, secondPage.GetProperty("executions").GetArrayLength());
        Assert.Equal(1, secondPage.GetProperty("meta").GetProperty("page").GetInt32());
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("meta").GetProperty("next_page_url").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, secondPage.GetProperty("meta").GetProperty("previous_page_url").ValueKind);
    }

    [Fact]
    public async Task Filters_the_list_by_DateCreatedFrom_and_DateCreatedTo()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        await CreateAsync(simulator, "+14155550001");

        var future = await simulator.Client.GetFromJsonAsync<JsonElement>(RunningSimulator.ExecutionsPath() + "?DateCreatedFrom=2999-01-01T00:00:00Z");
        var past = await simulator.Client.GetFromJsonAsync<JsonElement>(RunningSimulator.ExecutionsPath() + "?DateCreatedTo=2999-01-01T00:00:00Z");

        Assert.Equal(0, future.GetProperty("executions").GetArrayLength());
        Assert.Equal(1, past.GetProperty("executions").GetArrayLength());
        Assert.Contains("DateCreatedTo=2999-01-01T00%3A00%3A00Z", past.GetProperty("meta").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetches_an_execution_by_sid()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var sid = await CreateAsync(simulator, "+14155550001");

        var execution = await simulator.Client.GetFromJsonAsync<JsonElement>($"{RunningSimulator.ExecutionsPath()}/{sid}");

        Assert.Equal(sid, execution.GetProperty("sid").GetString());
        Assert.Equal("+14155550001", execution.GetProperty("contact_channel_address").GetString());
        Assert.Equal("123456", execution.GetProperty("context").GetProperty("flow").GetProperty("data").GetProperty("otp").GetString());
    }

    [Fact]
    public async Task Answers_404_with_code_20404_for_an_unknown_execution_sid()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var path = $"/{RunningSimulator.ExecutionsPath()}/FN{new string('0', 32)}";

        using var response = await simulator.Client.GetAsync(path);

        var error = await ExecutionCreationTests.AssertTwilioErrorAsync(response, HttpStatusCode.NotFound, 20404);
        Assert.Equal($"The requested resource {path} was not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers_404_when_fetching_an_execution_through_another_flow()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var sid = await CreateAsync(simulator, "+14155550001");

        using var response = await simulator.Client.GetAsync($"{RunningSimulator.ExecutionsPath(StudioSimulatorDefaults.VoiceFlowSid)}/{sid}");

        await ExecutionCreationTests.AssertTwilioErrorAsync(response, HttpStatusCode.NotFound, 20404);
    }

    [Fact]
    public async Task Answers_401_with_code_20003_when_listing_with_a_wrong_token()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        simulator.Client.DefaultRequestHeaders.Authorization = RunningSimulator.BasicAuthorization(StudioSimulatorDefaults.AccountSid, "nope");

        using var response = await simulator.Client.GetAsync(RunningSimulator.ExecutionsPath());

        await ExecutionCreationTests.AssertTwilioErrorAsync(response, HttpStatusCode.Unauthorized, 20003);
    }

    private static async Task<string> CreateAsync(RunningSimulator simulator, string to, string flowSid = StudioSimulatorDefaults.SmsFlowSid)
    {
        using var response = await simulator.CreateExecutionAsync(RunningSimulator.SampleForm(to), flowSid);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sid").GetString()!;
    }
}
