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
