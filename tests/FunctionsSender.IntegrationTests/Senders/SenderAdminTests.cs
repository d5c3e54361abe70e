using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;

namespace FunctionsSender.IntegrationTests.Senders;

[Collection(AppCollection.Name)]
public class SenderAdminTests(AppFixture app)
{
    [Fact]
    public async Task Creates_then_updates_and_never_returns_the_password()
    {
        var created = await app.Client.PutAsJsonAsync("/api/v1/senders/admin-a", app.SenderBody("secret-token-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-token-1", createdText, StringComparison.Ordinal);

        var updated = await app.Client.PutAsJsonAsync("/api/v1/senders/admin-a", app.SenderBody(password: null));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var get = await app.Client.GetAsync("/api/v1/senders/admin-a");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotNull(get.Headers.ETag);
        var body = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("authorization").GetProperty("passwordSet").GetBoolean());
        Assert.False(body.GetProperty("authorization").TryGetProperty("password", out _));
        Assert.Equal("standard", body.GetProperty("numbers")[0].GetProperty("type").GetString());
        Assert.DoesNotContain("secret-token-1", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("secret-token-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kept_password_is_still_used_on_the_wire_after_an_update()
    {
        await app.PutSenderAsync("admin-b", StudioSimulatorDefaults.AuthToken);
        await app.PutSenderAsync("admin-b", password: null);
        const string to = "+14155550140";
        var response = await app.PostNotificationAsync(new { senderId = "admin-b", channel = "sms", to, message = "hi" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, TimeSpan.FromSeconds(30));
        Assert.True(request.PasswordMatched);
    }

    [Fact]
    public async Task A_stale_if_match_gets_412()
    {
        var first = await app.PutSenderAsync("admin-c", "p1");
        var etag = first.Headers.ETag!;
        await app.PutSenderAsync("admin-c", "p2");

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/senders/admin-c") { Content = JsonContent.Create(app.SenderBody("p3")) };
        request.Headers.IfMatch.Add(etag);
        var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task A_new_sender_without_a_password_is_refused_naming_the_field()
    {
        var response = await app.Client.PutAsJsonAsync("/api/v1/senders/admin-d", app.SenderBody(password: null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("authorization.password", out _));
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_refused_with_its_position()
    {
        var response = await app.Client.PutAsJsonAsync("/api/v1/templates/broken/sms/default", new { message = "{\"OTP\":${otp" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("position", problem.GetProperty("errors").GetProperty("message")[0].GetString(), StringComparison.Ordinal);
    }
}

[Collection(AppCollection.Name)]
public class SenderLifecycleTests(AppFixture app)
{
    [Fact]
    public async Task Lists_senders_in_pages_with_a_continuation_token()
    {
        for (var i = 0; i < 3; i++)
        {
            await app.PutSenderAsync($"page-{i}", "p");
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/senders?pageSize=2" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await app.Client.GetFromJsonAsync<JsonElement>(url);
            var senders = page.GetProperty("senders");
            Assert.True(senders.GetArrayLength() <= 2);
            seen.AddRange(senders.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            Assert.DoesNotContain("\"password\"", senders.ToString(), StringComparison.Ordinal);
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 50);

        Assert.True(pages >= 2);
        Assert.Contains("page-0", seen);
        Assert.Contains("page-2", seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_damaged_continuation_token_is_a_400()
    {
        var response = await app.Client.GetAsync("/api/v1/senders?continuationToken=%%%");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Deletes_with_if_match_and_then_the_sender_is_gone()
    {
        var put = await app.PutSenderAsync("to-delete", "p");
        await app.PutSenderAsync("to-delete", "p2");

        using (var stale = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/senders/to-delete"))
        {
            stale.Headers.IfMatch.Add(put.Headers.ETag!);
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await app.Client.SendAsync(stale)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync("/api/v1/senders/to-delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/senders/to-delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.DeleteAsync("/api/v1/senders/to-delete")).StatusCode);

        var refused = await app.PostNotificationAsync(new { senderId = "to-delete", channel = "sms", to = "+14155550170", message = "{}" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}

[Collection(AppCollection.Name)]
public class SenderTestSendTests(AppFixture app)
{
    private Task<HttpResponseMessage> TestAsync(string senderId, string channel, string to) =>
        app.Client.PostAsJsonAsync($"/api/v1/senders/{senderId}/test", new { channel, to });

    [Fact]
    public async Task A_test_sms_is_posted_now_and_reports_the_execution_sid()
    {
        const string to = "+14155550180";
        var response = await TestAsync(AppFixture.SenderId, "sms", to);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("delivered").GetBoolean());
        Assert.Equal(201, body.GetProperty("providerStatus").GetInt32());
        var request = Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
        Assert.Equal(request.ExecutionSid, body.GetProperty("executionSid").GetString());
        Assert.Equal(SenderTestDeliveryMessage, request.Field("Parameters"));
    }

    [Fact]
    public async Task A_test_voice_message_posts_the_raw_body_and_reports_studios_verdict_on_it()
    {
        // The fixture's voice config is a raw JSON body; Studio's Executions API wants form fields, so it refuses it,
        // and the test send must say so rather than claim success.
        const string to = "+14155550181";
        var response = await TestAsync(AppFixture.SenderId, "voice", to);

        var request = Assert.Single(app.Recorder.Requests, r => r.RawBody.Contains(to, StringComparison.Ordinal));
        Assert.Equal(AppFixture.VoiceFlowSid, request.FlowSid);
        using var body = JsonDocument.Parse(request.RawBody);
        Assert.True(body.RootElement.GetProperty("msg").GetProperty("test").GetBoolean());
        await AssertProviderRefusalAsync(response, 400, 20001);
    }

    [Fact]
    public async Task Bad_credentials_answer_502_with_the_providers_401_and_20003()
    {
        await app.PutSenderAsync("test-bad-token", "wrong");
        var response = await TestAsync("test-bad-token", "sms", "+14155550182");
        await AssertProviderRefusalAsync(response, 401, 20003);
    }

    [Fact]
    public async Task An_unknown_flow_answers_502_with_the_providers_404_and_20404()
    {
        await app.PutSenderAsync("test-bad-flow", StudioSimulatorDefaults.AuthToken, smsFlowSid: "FWnot-a-flow");
        var response = await TestAsync("test-bad-flow", "sms", "+14155550183");
        await AssertProviderRefusalAsync(response, 404, 20404);
    }

    [Fact]
    public async Task Bad_input_and_unknown_senders_are_refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAsync(AppFixture.SenderId, "fax", "+14155550184")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAsync(AppFixture.SenderId, "sms", "12")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAsync("no-such-sender", "sms", "+14155550184")).StatusCode);
    }

    private const string SenderTestDeliveryMessage = FunctionsSender.Core.Senders.SenderTestDelivery.TestMessage;

    private static async Task AssertProviderRefusalAsync(HttpResponseMessage response, int status, int code)
    {
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("providerStatus").GetInt32());
        Assert.Equal(code, problem.GetProperty("providerCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("providerMessage").GetString()));
    }
}

[Collection(AppCollection.Name)]
public class SecretKeyStartupTests(AppFixture app)
{
    [Fact]
    public async Task A_host_with_the_wrong_secret_key_refuses_to_start_with_a_clear_message()
    {
        await app.PutSenderAsync("key-check", "p");
        await using var host = FunctionsSender.LocalHost.LocalFunctionsHost.Build(["--urls", "http://127.0.0.1:0"], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = app.Azurite.ConnectionString,
                ["FunctionsSender:SecretKey"] = Convert.ToBase64String(new byte[32]),
            }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("SecretKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_without_a_secret_key_refuses_to_start()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            var host = FunctionsSender.LocalHost.LocalFunctionsHost.Build(["--urls", "http://127.0.0.1:0"], b =>
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = app.Azurite.ConnectionString,
                    ["FunctionsSender:SecretKey"] = "",
                }));
            host.StartAsync().GetAwaiter().GetResult();
        });
        Assert.Contains("SecretKey", error.ToString(), StringComparison.Ordinal);
    }
}

[Collection(AppCollection.Name)]
public class SenderRoundTripTests(AppFixture app)
{
    [Fact]
    public async Task A_get_body_put_back_keeps_the_sender_and_its_password()
    {
        await app.PutSenderAsync("round-trip", StudioSimulatorDefaults.AuthToken);
        var body = await app.Client.GetStringAsync("/api/v1/senders/round-trip");

        var put = await app.Client.PutAsync("/api/v1/senders/round-trip", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(body, await app.Client.GetStringAsync("/api/v1/senders/round-trip"));

        var test = await app.Client.PostAsJsonAsync("/api/v1/senders/round-trip/test", new { channel = "sms", to = "+14155550190" });
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
    }
}
