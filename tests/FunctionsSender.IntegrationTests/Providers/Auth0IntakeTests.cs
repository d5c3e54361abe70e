using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsSender.IntegrationTests.Providers;

/// <summary>Auth0 custom phone provider contract: what samples/auth0/action.js forwards (event.notification).</summary>
[Collection(AppCollection.Name)]
public class Auth0IntakeTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);
    private const string Route = $"/api/v1/providers/auth0/{AppFixture.SenderId}";

    /// <summary><c>event.notification</c> as Auth0 documents it for the custom-phone-provider trigger.</summary>
    private static JsonObject Notification(string recipient, string method = "text", string code = "012345", string type = "otp_verify") => new()
    {
        ["message_type"] = type,
        ["as_text"] = $"{code} is your verification code for Example. Please enter this code to verify your enrollment.",
        ["as_voice"] = $"Your verification code for Example is {string.Join(' ', code.ToCharArray())}",
        ["code"] = code,
        ["delivery_method"] = method,
        ["from"] = "+14155550100",
        ["locale"] = "en_US",
        ["recipient"] = recipient,
    };

    private Task<HttpResponseMessage> PostAsync(JsonNode body, string route = Route) =>
        app.Client.PostAsync(route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task The_wrapped_notification_is_accepted_and_its_text_reaches_studio_with_the_code()
    {
        var response = await PostAsync(new JsonObject { ["notification"] = Notification("+14155550501", code: "061234") });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/notifications/{id}", response.Headers.Location!.OriginalString);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550501", Arrival);
        Assert.Equal(
            "{\"OTP\":\"061234\",\"message\":\"061234 is your verification code for Example. Please enter this code to verify your enrollment.\"}",
            request.Field("Parameters"));
        Assert.Equal("+14155550100", request.Field("From"));
        Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_bare_notification_with_a_number_without_plus_is_accepted()
    {
        var response = await PostAsync(Notification("14155550502"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550502", Arrival);
        Assert.Contains("\"OTP\":\"012345\"", request.Field("Parameters"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voice_sends_as_voice_through_the_voice_request()
    {
        var response = await PostAsync(Notification("+14155550503", "voice", "000042"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(
            r => r.FlowSid == AppFixture.VoiceFlowSid && r.RawBody.Contains("+14155550503", StringComparison.Ordinal), Arrival);
        using var body = JsonDocument.Parse(request.RawBody);
        var message = body.RootElement.GetProperty("msg");
        Assert.Equal("000042", message.GetProperty("OTP").GetString());
        Assert.Equal("Your verification code for Example is 0 0 0 0 4 2", message.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Message_type_selects_our_template_for_the_channel()
    {
        await app.PutTemplateAsync("otp_enroll", "sms", "en-US", "{\"OTP\":${otp},\"purpose\":\"enroll\"}");
        var response = await PostAsync(Notification("+14155550504", "text", "007007", "otp_enroll"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550504", Arrival);
        Assert.Equal("{\"OTP\":\"007007\",\"purpose\":\"enroll\"}", request.Field("Parameters"));
    }

    public static TheoryData<string, string?, string> Refusals => new()
    {
        { "recipient", null, "recipient" },
        { "recipient", "+1000", "recipient" },
        { "delivery_method", "fax", "delivery_method" },
        { "delivery_method", null, "delivery_method" },
        { "as_text", null, "as_text" },
        { "locale", "??", "locale" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_fields_are_a_400_problem_naming_the_auth0_field(string field, string? value, string path)
    {
        var body = Notification("+14155550505");
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value;
        }

        var before = await app.CountNotificationRecordsAsync();
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"no error for '{path}' in {problem}");
        Assert.Equal(before, await app.CountNotificationRecordsAsync());
    }

    [Fact]
    public async Task An_unknown_sender_and_a_body_that_is_not_json_are_refused()
    {
        var unknown = await PostAsync(Notification("+14155550506"), "/api/v1/providers/auth0/no-such-sender");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("senderId", out _));

        var notJson = await app.Client.PostAsync(Route, new StringContent("recipient=+14155550506", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }
}
