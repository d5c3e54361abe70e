using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;

namespace FunctionsSender.IntegrationTests.Notifications;

[Collection(AppCollection.Name)]
public class EndToEndDeliveryTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_posted_otp_reaches_studio_with_the_exact_form_fields_and_basic_auth()
    {
        await app.PutTemplateAsync("strong_authentication", "sms", "default", "{\"OTP\":${otp}}");
        const string to = "+14155550123";

        var response = await app.PostNotificationAsync(new
        {
            senderId = AppFixture.SenderId, channel = "sms", to, template = "strong_authentication",
            variables = new Dictionary<string, string> { ["otp"] = "482913" },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/notifications/{id}", response.Headers.Location!.OriginalString);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to && r.Field("Parameters") == "{\"OTP\":\"482913\"}", Arrival);
        Assert.Equal(AppFixture.FlowSid, request.FlowSid);
        Assert.Equal(["From", "To", "Parameters"], request.Form.Select(f => f.Key));
        Assert.Equal("+14155550100", request.Field("From"));
        Assert.Equal("Basic", request.AuthorizationScheme);
        Assert.Equal(StudioSimulatorDefaults.AccountSid, request.Username);
        Assert.True(request.PasswordMatched);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);

        var status = await app.WaitForTerminalStatusAsync(id);
        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.Equal(request.ExecutionSid, status.GetProperty("executionSid").GetString());
        Assert.Equal(1, status.GetProperty("attempts").GetInt32());
        Assert.Equal("+1415*****23", status.GetProperty("to").GetString());
    }

    [Fact]
    public async Task A_leading_zero_otp_and_a_hostile_username_arrive_as_valid_json_unchanged()
    {
        await app.PutTemplateAsync("device_pairing", "sms", "default", "{\"OTP\":${otp}, \"username\":${user.username}}");
        const string to = "+14155550124";
        const string username = "al\"ice\nO'Brien é ${otp} \\ \u2028 🙂";

        var response = await app.PostNotificationAsync(new
        {
            senderId = AppFixture.SenderId, channel = "sms", to, template = "device_pairing",
            variables = new Dictionary<string, string> { ["otp"] = "012345", ["user.username"] = username },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, Arrival);
        using var parameters = JsonDocument.Parse(request.Field("Parameters")!);
        Assert.Equal(JsonValueKind.String, parameters.RootElement.GetProperty("OTP").ValueKind);
        Assert.Equal("012345", parameters.RootElement.GetProperty("OTP").GetString());
        Assert.Equal(username, parameters.RootElement.GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_voice_notification_uses_the_raw_body_with_the_message_embedded_as_json()
    {
        await app.PutTemplateAsync("transaction", "voice", "default", "{\"OTP\":${otp}}");
        const string to = "+14155550125";

        var response = await app.PostNotificationAsync(new
        {
            senderId = AppFixture.SenderId, channel = "voice", to, template = "transaction",
            variables = new Dictionary<string, string> { ["otp"] = "000777" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.FlowSid == AppFixture.VoiceFlowSid && r.RawBody.Contains("000777", StringComparison.Ordinal), Arrival);
        using var body = JsonDocument.Parse(request.RawBody);
        Assert.Equal(to, body.RootElement.GetProperty("to").GetString());
        Assert.Equal("000777", body.RootElement.GetProperty("msg").GetProperty("OTP").GetString());
    }

    [Fact]
    public async Task A_pre_rendered_message_is_passed_through()
    {
        const string to = "+14155550126";
        var response = await app.PostNotificationAsync(new { senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"555123\"}" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, Arrival);
        Assert.Equal("{\"OTP\":\"555123\"}", request.Field("Parameters"));
    }

    [Fact]
    public async Task Logs_hold_neither_the_otp_nor_the_full_number()
    {
        await app.PutTemplateAsync("verification_code_template", "sms", "default", "{\"OTP\":${otp}, \"code\":\"Code ${otp}\"}");
        const string to = "+14155550127";
        const string otp = "K918273X"; // distinctive: cannot turn up by chance inside a logged timestamp

        var response = await app.PostNotificationAsync(new
        {
            senderId = AppFixture.SenderId, channel = "sms", to, template = "verification_code_template",
            variables = new Dictionary<string, string> { ["otp"] = otp },
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id)).GetProperty("status").GetString());

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("+1415*****27", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(otp, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(to, StringComparison.Ordinal) || l.Contains(to[1..], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(StudioSimulatorDefaults.AuthToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_refusal_ends_failed_with_the_providers_status_and_code()
    {
        await app.PutSenderAsync("wrong-token", password: "not-the-token");
        const string to = "+14155550128";
        var response = await app.PostNotificationAsync(new { senderId = "wrong-token", channel = "sms", to, message = "x" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var status = await app.WaitForTerminalStatusAsync(id);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = status.GetProperty("error");
        Assert.Equal(401, error.GetProperty("providerStatus").GetInt32());
        Assert.Equal(20003, error.GetProperty("providerCode").GetInt32());
        Assert.Equal(1, app.Recorder.Requests.Count(r => r.Field("To") == to));
    }

    [Fact]
    public async Task A_transient_provider_error_is_retried_until_sent()
    {
        const string to = "+14155550129";
        app.Faults.EnqueueStatus(500);
        var response = await app.PostNotificationAsync(new { senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"246810\"}" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var status = await app.WaitForTerminalStatusAsync(id, TimeSpan.FromSeconds(60));
        Assert.True("sent" == status.GetProperty("status").GetString(), status.ToString());
        Assert.Equal(2, status.GetProperty("attempts").GetInt32());
        Assert.Equal(2, app.Recorder.Requests.Count(r => r.Field("To") == to));
    }

    [Fact]
    public async Task An_unreadable_queue_message_is_recorded_failed_and_not_retried()
    {
        // A status record exists, but its message on the queue is damaged.
        var response = await app.PostNotificationAsync(new { senderId = AppFixture.SenderId, channel = "sms", to = "+14155550130", message = "x", expiresInSeconds = 3600 });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await app.WaitForTerminalStatusAsync(id);

        var damagedId = Guid.NewGuid().ToString("D");
        await app.Tables.GetTableClient("notifications").AddEntityAsync(new Azure.Data.Tables.TableEntity(damagedId, "status")
        {
            ["Status"] = "queued", ["SenderId"] = AppFixture.SenderId, ["Channel"] = "sms", ["To"] = "+1415*****31",
            ["Attempts"] = 0, ["CreatedAt"] = DateTimeOffset.UtcNow, ["UpdatedAt"] = DateTimeOffset.UtcNow, ["ExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(5),
        });
        await app.NotificationQueue.SendMessageAsync($"{{\"id\":\"{damagedId}\",\"channel\":42}}");

        var status = await app.WaitForTerminalStatusAsync(damagedId);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("unreadable_message", status.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Status_of_an_unknown_id_is_404_problem()
    {
        var response = await app.Client.GetAsync($"/api/v1/notifications/{Guid.NewGuid():D}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
