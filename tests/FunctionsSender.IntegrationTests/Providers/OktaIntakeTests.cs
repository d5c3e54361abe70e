using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsSender.IntegrationTests.Providers;

/// <summary>Okta telephony inline hook contract: Okta's request shape in, Okta's commands or error shape out.</summary>
[Collection(AppCollection.Name)]
public class OktaIntakeTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);
    private const string Route = $"/api/v1/providers/okta/{AppFixture.SenderId}";

    /// <summary>A request as Okta's telephony inline hook reference shows it, with a live expiry.</summary>
    private static JsonObject Hook(string phoneNumber, string channel = "SMS", string code = "012345", string requestType = "com.okta.user.telephony.mfa-verification") =>
        new()
        {
            ["eventId"] = Guid.NewGuid().ToString("N"),
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
            ["eventType"] = "com.okta.telephony.provider",
            ["eventTypeVersion"] = "1.0",
            ["contentType"] = "application/json",
            ["cloudEventVersion"] = "0.1",
            ["source"] = "https://example.okta.com/api/v1/inlineHooks/cali0ptdcqMb1fMBV1d7",
            ["requestType"] = requestType,
            ["data"] = new JsonObject
            {
                ["context"] = new JsonObject { ["request"] = new JsonObject { ["id"] = "reqRgSk8IBBRhuo0YdlEDTmUw", ["method"] = "POST" } },
                ["userProfile"] = new JsonObject { ["firstName"] = "test", ["lastName"] = "user", ["login"] = "test.user@okta.com", ["userId"] = "00uyxxSZbvWJsQmn70g4" },
                ["messageProfile"] = new JsonObject
                {
                    ["msgTemplate"] = $"Your test code is {code}",
                    ["phoneNumber"] = phoneNumber,
                    ["otpExpires"] = DateTimeOffset.UtcNow.AddMinutes(5).ToString("o"),
                    ["deliveryChannel"] = channel,
                    ["otpCode"] = code,
                    ["locale"] = "EN-US",
                },
            },
        };

    private Task<HttpResponseMessage> PostAsync(JsonNode body, string route = Route) =>
        app.Client.PostAsync(route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_hook_request_is_answered_with_okta_commands_and_reaches_studio()
    {
        const string number = "14155550401";
        var watch = Stopwatch.StartNew();
        var response = await PostAsync(Hook(number, code: "083012"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered in {watch.Elapsed}");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var command = answer.GetProperty("commands").EnumerateArray().Single();
        Assert.Equal("com.okta.telephony.action", command.GetProperty("type").GetString());
        var value = command.GetProperty("value").EnumerateArray().Single();
        Assert.Equal("SUCCESSFUL", value.GetProperty("status").GetString());
        Assert.Equal("FunctionsSender", value.GetProperty("provider").GetString());
        var id = value.GetProperty("transactionId").GetString()!;

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+" + number, Arrival);
        Assert.Equal("{\"OTP\":\"083012\",\"message\":\"Your test code is 083012\"}", request.Field("Parameters"));
        Assert.Equal("+14155550100", request.Field("From"));
        var status = await app.WaitForTerminalStatusAsync(id);
        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("083012", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SMS", "+14155550411", false)]
    [InlineData("sms", "14155550412", false)]
    [InlineData("CALL", "+14155550413", true)]
    [InlineData("call", "14155550414", true)]
    [InlineData("voice call", "+14155550415", true)]
    [InlineData("Voice Call", "14155550416", true)]
    public async Task Every_channel_spelling_and_number_form_reaches_the_right_flow(string channel, string number, bool voice)
    {
        var response = await PostAsync(Hook(number, channel, code: "004200"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var e164 = number.StartsWith('+') ? number : "+" + number;
        if (voice)
        {
            var request = await app.Recorder.WaitForRequestAsync(
                r => r.FlowSid == AppFixture.VoiceFlowSid && r.RawBody.Contains(e164, StringComparison.Ordinal), Arrival);
            using var body = JsonDocument.Parse(request.RawBody);
            Assert.Equal("004200", body.RootElement.GetProperty("msg").GetProperty("OTP").GetString());
        }
        else
        {
            var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == e164, Arrival);
            Assert.Equal(AppFixture.FlowSid, request.FlowSid);
            Assert.Contains("\"OTP\":\"004200\"", request.Field("Parameters"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_okta_request_type_template_renders_the_user_profile()
    {
        await app.PutTemplateAsync("okta_password_reset", "sms", "en", "{\"OTP\":${otp},\"login\":${user.username},\"hello\":\"Hi ${user.name.given}\"}");
        var response = await PostAsync(Hook("+14155550421", code: "000999", requestType: "com.okta.user.telephony.password-reset"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550421", Arrival);
        Assert.Equal("{\"OTP\":\"000999\",\"login\":\"test.user@okta.com\",\"hello\":\"Hi test\"}", request.Field("Parameters"));
    }

    public static TheoryData<string, string?, string> Refusals => new()
    {
        { "phoneNumber", null, "data.messageProfile.phoneNumber" },
        { "phoneNumber", "12345", "data.messageProfile.phoneNumber" },
        { "deliveryChannel", "FAX", "data.messageProfile.deliveryChannel" },
        { "deliveryChannel", null, "data.messageProfile.deliveryChannel" },
        { "otpCode", null, "data.messageProfile.otpCode" },
        { "otpExpires", "2020-01-01T00:00:00Z", "data.messageProfile.otpExpires" },
        { "otpExpires", "tomorrow", "data.messageProfile.otpExpires" },
        { "locale", "??", "data.messageProfile.locale" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_fields_are_refused_in_oktas_error_shape_so_okta_falls_back(string field, string? value, string location)
    {
        var body = Hook("+14155550431");
        var profile = body["data"]!["messageProfile"]!.AsObject();
        if (value is null)
        {
            profile.Remove(field);
        }
        else
        {
            profile[field] = value;
        }

        var before = await app.CountNotificationRecordsAsync();
        var response = await PostAsync(body);

        await AssertOktaErrorAsync(response, HttpStatusCode.BadRequest, location);
        Assert.Equal(before, await app.CountNotificationRecordsAsync());
    }

    [Fact]
    public async Task An_unknown_sender_a_missing_template_and_bad_bodies_use_oktas_error_shape_too()
    {
        await AssertOktaErrorAsync(await PostAsync(Hook("+14155550432"), "/api/v1/providers/okta/no-such-sender"), HttpStatusCode.BadRequest, "senderId");
        await AssertOktaErrorAsync(await PostAsync(Hook("+14155550432"), Route + "?template=no_such_template"), HttpStatusCode.BadRequest, "template");
        await AssertOktaErrorAsync(await PostAsync(new JsonObject { ["data"] = new JsonObject() }), HttpStatusCode.BadRequest, "data.messageProfile");
        await AssertOktaErrorAsync(
            await app.Client.PostAsync(Route, new StringContent("{\"data\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "$");
        await AssertOktaErrorAsync(
            await app.Client.PostAsync(Route, new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "$");
    }

    private static async Task AssertOktaErrorAsync(HttpResponseMessage response, HttpStatusCode status, string location)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("errorSummary").GetString()));
        var causes = error.GetProperty("errorCauses").EnumerateArray().ToList();
        Assert.Contains(causes, c => c.GetProperty("location").GetString() == location);
        foreach (var cause in causes)
        {
            foreach (var name in new[] { "errorSummary", "reason", "locationType", "location", "domain" })
            {
                Assert.Equal(JsonValueKind.String, cause.GetProperty(name).ValueKind);
            }
        }
    }
}
