using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FunctionsSender.IntegrationTests.Providers;

/// <summary>
/// PingOne custom provider contract: the bodies a PingOne administrator configures (Form key/value pairs, or Raw JSON)
/// after PingOne has substituted its variables, posted to our route instead of Twilio Studio.
/// </summary>
[Collection(AppCollection.Name)]
public class PingOneIntakeTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    private static string Route(string query = "") => $"/api/v1/providers/pingone/{AppFixture.SenderId}{query}";

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_form_body_with_a_bare_leading_zero_otp_reaches_studio_repaired()
    {
        const string to = "+14155550301";
        var response = await app.Client.PostAsync(Route(), Form(
            ("to", to), ("from", "+14155550100"), ("message", "{\"OTP\":073914, \"username\":\"alice\"}"), ("otp", "073914"),
            ("locale", "en"), ("user.username", "alice"), ("user.name.given", "Alice"), ("user.name.family", "Liddell")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/notifications/{id}", response.Headers.Location!.OriginalString);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, Arrival);
        Assert.Equal("{\"OTP\":\"073914\", \"username\":\"alice\"}", request.Field("Parameters"));
        Assert.Equal("+14155550100", request.Field("From"));
        Assert.Equal(AppFixture.FlowSid, request.FlowSid);
        Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id)).GetProperty("status").GetString());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("073914", StringComparison.Ordinal) || l.Contains(to[1..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_body_with_a_number_without_plus_is_normalised()
    {
        var response = await app.Client.PostAsync(Route(), Json("""{"to":"14155550302","message":"{\"OTP\":\"555000\"}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550302", Arrival);
        Assert.Equal("{\"OTP\":\"555000\"}", request.Field("Parameters"));
    }

    [Fact]
    public async Task A_raw_json_body_with_a_bare_otp_is_repaired_and_the_query_template_renders_the_posted_values()
    {
        await app.PutTemplateAsync("pingone_login", "sms", "default", "{\"OTP\":${otp}, \"user\":${user.username}, \"name\":\"${user.name.given} ${user.name.family}\"}");
        var response = await app.Client.PostAsync(Route("?template=pingone_login"), Json(
            """{"to":"+14155550303","message":"{\"OTP\":1}","otp":004711,"user.username":"bob","user":{"name":{"given":"Bob","family":"O'Neil"}}}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550303", Arrival);
        Assert.Equal("{\"OTP\":\"004711\", \"user\":\"bob\", \"name\":\"Bob O'Neil\"}", request.Field("Parameters"));
    }

    [Fact]
    public async Task Channel_voice_uses_the_senders_voice_request()
    {
        var response = await app.Client.PostAsync(Route("?channel=voice"), Form(("to", "+14155550304"), ("message", "{\"OTP\":000123}")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(
            r => r.FlowSid == AppFixture.VoiceFlowSid && r.RawBody.Contains("+14155550304", StringComparison.Ordinal), Arrival);
        using var body = JsonDocument.Parse(request.RawBody);
        Assert.Equal("000123", body.RootElement.GetProperty("msg").GetProperty("OTP").GetString());
    }

    [Fact]
    public async Task Channel_sms_explicitly_and_a_from_that_is_not_the_senders_is_ignored()
    {
        var response = await app.Client.PostAsync(Route("?channel=sms"), Form(("to", "+14155550305"), ("from", "+14155550199"), ("message", "{\"OTP\":\"1\"}")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550305", Arrival);
        Assert.Equal("+14155550100", request.Field("From"));
        Assert.Equal(AppFixture.FlowSid, request.FlowSid);
    }

    [Fact]
    public async Task The_same_idempotency_key_sends_once()
    {
        HttpRequestMessage Post() => new(HttpMethod.Post, Route())
        {
            Content = Form(("to", "+14155550306"), ("message", "{\"OTP\":\"31\"}")),
            Headers = { { "Idempotency-Key", "pingone-retry-1" } },
        };

        var first = await (await app.Client.SendAsync(Post())).Content.ReadFromJsonAsync<JsonElement>();
        var second = await app.Client.SendAsync(Post());
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        await app.WaitForTerminalStatusAsync(first.GetProperty("id").GetString()!);
        Assert.Equal(1, app.Recorder.Requests.Count(r => r.Field("To") == "+14155550306"));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "", "to=%2B14155550123", "message" },
        { "", "message=%7B%7D", "to" },
        { "", "to=%2B10005550123&message=%7B%7D", "to" },
        { "?channel=fax", "to=%2B14155550123&message=%7B%7D", "channel" },
        { "?template=no_such_template", "to=%2B14155550123&message=%7B%7D", "template" },
        { "?template=pingone_needs_user", "to=%2B14155550123&message=%7B%7D&otp=1", "user.username" },
        { "", "to=%2B14155550123&message=%7B%7D&locale=%3F%3F", "locale" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_input_is_a_400_problem_naming_the_pingone_key(string query, string form, string field)
    {
        await app.PutTemplateAsync("pingone_needs_user", "sms", "default", "{\"OTP\":${otp},\"u\":${user.username}}");
        var before = await app.CountNotificationRecordsAsync();

        var response = await app.Client.PostAsync(Route(query), new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Equal(before, await app.CountNotificationRecordsAsync());
    }

    [Fact]
    public async Task An_unknown_sender_is_named()
    {
        var response = await app.Client.PostAsync("/api/v1/providers/pingone/no-such-sender", Form(("to", "+14155550123"), ("message", "{}")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("senderId", out _));
    }

    [Fact]
    public async Task Malformed_json_and_other_media_types_are_refused()
    {
        var malformed = await app.Client.PostAsync(Route(), Json("{\"to\":"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$", out _));

        var text = await app.Client.PostAsync(Route(), new StringContent("to=+14155550123", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType!.MediaType);
    }
}
