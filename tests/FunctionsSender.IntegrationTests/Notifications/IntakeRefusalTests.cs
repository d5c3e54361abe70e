using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FunctionsSender.IntegrationTests.Notifications;

/// <summary>Every malformed request gets a 4xx problem naming the field, and nothing is recorded or enqueued.</summary>
[Collection(AppCollection.Name)]
public class IntakeRefusalTests(AppFixture app)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "{\"senderId\":", "$" },
        { "[]", "$" },
        { "{\"senderId\":7,\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\"}", "senderId" },
        { "{\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\"}", "senderId" },
        { "{\"senderId\":\"no-such-sender\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\"}", "senderId" },
        { "{\"senderId\":\"studio\",\"channel\":\"fax\",\"to\":\"+14155550123\",\"message\":\"m\"}", "channel" },
        { "{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+10005550123\",\"message\":\"m\"}", "to" },
        { "{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"template\":\"no_such_template\"}", "template" },
        { "{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"template\":\"needs_username\",\"variables\":{\"otp\":\"1\"}}", "variables.user.username" },
        { "{\"senderId\":\"sms-only\",\"channel\":\"voice\",\"to\":\"+14155550123\",\"message\":\"m\"}", "channel" },
        { "{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\",\"expiresInSeconds\":-5}", "expiresInSeconds" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_a_400_problem_naming_the_field_and_is_never_enqueued(string body, string field)
    {
        await app.PutTemplateAsync("needs_username", "sms", "default", "{\"OTP\":${otp},\"u\":${user.username}}");
        await EnsureSmsOnlySenderAsync();
        var before = await app.CountNotificationRecordsAsync();

        var response = await app.Client.PostAsync("/api/v1/notifications", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Equal(before, await app.CountNotificationRecordsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var response = await app.Client.PostAsync("/api/v1/notifications", new StringContent("to=+14155550123", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_body_over_64_KiB_gets_413()
    {
        var body = "{\"message\":\"" + new string('x', 70_000) + "\"}";
        var response = await app.Client.PostAsync("/api/v1/notifications", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private async Task EnsureSmsOnlySenderAsync()
    {
        var response = await app.Client.PutAsJsonAsync("/api/v1/senders/sms-only", new
        {
            name = "SMS only",
            authorization = new { type = "basic", username = "ACx", password = "p" },
            numbers = new[] { new { type = "shortCode", number = "55555", sms = true, voice = false } },
            sms = new
            {
                method = "POST", url = app.ExecutionsUrl(), bodyFormat = "form",
                form = new[] { new { key = "To", value = "${to}" }, new { key = "Parameters", value = "${message}" } },
            },
        });
        response.EnsureSuccessStatusCode();
    }
}
