using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsSender.IntegrationTests.Notifications;

/// <summary>Queue intake on <c>otp-requests</c>: every message ends as a notification, a rejected status or poison.</summary>
[Collection(AppCollection.Name)]
public class QueuedRequestIntakeTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    private static string NewId() => "req-" + Guid.NewGuid().ToString("N");

    private async Task SendAsync(object body) => await app.RequestQueue.SendMessageAsync(JsonSerializer.Serialize(body));

    [Fact]
    public async Task A_valid_queued_request_reaches_studio_and_is_queryable_by_the_producers_id()
    {
        await app.PutTemplateAsync("strong_authentication", "sms", "default", "{\"OTP\":${otp}}");
        var id = NewId();
        const string to = "+14155550150";

        await SendAsync(new
        {
            id, senderId = AppFixture.SenderId, channel = "sms", to, template = "strong_authentication",
            variables = new Dictionary<string, string> { ["otp"] = "031415" },
        });

        var request = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, Arrival);
        Assert.Equal("{\"OTP\":\"031415\"}", request.Field("Parameters"));
        var status = await app.WaitForTerminalStatusAsync(id);
        Assert.Equal("sent", status.GetProperty("status").GetString());
        Assert.Equal(request.ExecutionSid, status.GetProperty("executionSid").GetString());
        Assert.Equal("+1415*****50", status.GetProperty("to").GetString());
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"senderId":"studio","channel":"fax","to":"+14155550151","message":"{}"}""", "channel" },
        { """{"senderId":"studio","channel":"sms","to":"+1415","message":"{}"}""", "to" },
        { """{"senderId":"no-such-sender","channel":"sms","to":"+14155550151","message":"{}"}""", "senderId" },
        { """{"senderId":"studio","channel":"sms","to":"+14155550151","template":"no_such_template"}""", "template" },
        { """{"senderId":"studio","channel":"sms","to":"+14155550151","template":"needs_username_q","variables":{"otp":"1"}}""", "variables.user.username" },
        { """{"senderId":"studio","channel":"sms","to":"+14155550151","message":"{}","idempotencyKey":""}""", "idempotencyKey" },
        { """{"senderId":"studio","channel":"sms","to":"+14155550151"}""", "template" },
        { """[1,2,3]""", "$" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_queued_request_ends_rejected_with_the_errors_the_http_intake_would_give(string body, string field)
    {
        await app.PutTemplateAsync("needs_username_q", "sms", "default", "{\"OTP\":${otp},\"u\":${user.username}}");
        var id = NewId();
        var withId = body.StartsWith('{') ? "{\"id\":\"" + id + "\"," + body[1..] : body;
        var before = app.Recorder.Requests.Count;

        await app.RequestQueue.SendMessageAsync(withId);

        if (!body.StartsWith('{'))
        {
            // Valid JSON without an id to file it under: it is recorded under a new id and logged.
            await WaitForLogAsync("Queued request rejected");
            return;
        }

        var status = await app.WaitForStatusAsync(id);
        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("validation_failed", status.GetProperty("error").GetProperty("code").GetString());
        Assert.True(status.GetProperty("error").GetProperty("errors").TryGetProperty(field, out _), status.ToString());

        if (!field.StartsWith("variables", StringComparison.Ordinal) && field is not "senderId" and not "template" and not "idempotencyKey")
        {
            // The HTTP intake answers the same field for the same body.
            var http = await app.Client.PostAsync("/api/v1/notifications", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
            Assert.True((await http.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        }

        await Task.Delay(300);
        Assert.Equal(before, app.Recorder.Requests.Count);
    }

    [Fact]
    public async Task A_message_that_is_not_json_goes_to_the_poison_queue_at_once()
    {
        var marker = "not json " + Guid.NewGuid().ToString("N");
        await app.RequestQueue.SendMessageAsync(marker);

        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            var peeked = await app.RequestPoisonQueue.PeekMessagesAsync(32);
            var found = peeked.Value.FirstOrDefault(m => m.Body.ToString() == marker);
            if (found is not null)
            {
                Assert.Equal(0, found.DequeueCount);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the message never reached otp-requests-poison");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_duplicate_id_sends_once()
    {
        var id = NewId();
        const string to = "+14155550152";
        var body = new { id, senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"111222\"}" };

        await SendAsync(body);
        await app.WaitForTerminalStatusAsync(id);
        await SendAsync(body);
        await WaitForLogAsync($"repeats notification {id}");

        Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
    }

    [Fact]
    public async Task An_id_reused_by_a_different_request_is_rejected_and_the_first_stands()
    {
        var id = NewId();
        const string to = "+14155550153";
        await SendAsync(new { id, senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"1\"}" });
        Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id)).GetProperty("status").GetString());

        await SendAsync(new { id, senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"2\"}" });
        await WaitForLogAsync("(duplicate_id)");

        Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
        Assert.Equal("sent", (await app.GetStatusAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_repeated_idempotency_key_sends_once()
    {
        const string to = "+14155550154";
        var key = Guid.NewGuid().ToString("N");
        var body = new { senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"3\"}", idempotencyKey = key };
        await SendAsync(body);
        await app.Recorder.WaitForRequestAsync(r => r.Field("To") == to, Arrival);
        await SendAsync(body);
        await WaitForLogAsync("Repeated idempotency key");
        await Task.Delay(500);
        Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
    }

    [Fact]
    public async Task The_http_and_queue_paths_produce_identical_provider_requests()
    {
        await app.PutTemplateAsync("transaction", "sms", "default", "{\"OTP\":${otp},\"user\":${user.username}}");
        const string httpTo = "+14155550155";
        const string queueTo = "+14155550156";
        object Body(string to) => new
        {
            senderId = AppFixture.SenderId, channel = "sms", to, template = "transaction", locale = "en-US",
            variables = new Dictionary<string, string> { ["otp"] = "007007", ["user.username"] = "bob \"the\" builder" },
        };

        Assert.Equal(HttpStatusCode.Accepted, (await app.PostNotificationAsync(Body(httpTo))).StatusCode);
        await SendAsync(Body(queueTo));

        var viaHttp = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == httpTo, Arrival);
        var viaQueue = await app.Recorder.WaitForRequestAsync(r => r.Field("To") == queueTo, Arrival);
        Assert.Equal(viaHttp.FlowSid, viaQueue.FlowSid);
        Assert.Equal(viaHttp.ContentType, viaQueue.ContentType);
        Assert.Equal(viaHttp.Username, viaQueue.Username);
        Assert.Equal(viaHttp.Form.Select(f => f.Key), viaQueue.Form.Select(f => f.Key));
        Assert.Equal(viaHttp.Field("From"), viaQueue.Field("From"));
        Assert.Equal(viaHttp.Field("Parameters"), viaQueue.Field("Parameters"));
    }

    private async Task WaitForLogAsync(string fragment)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (!app.Logs.Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line with '{fragment}'");
            await Task.Delay(100);
        }
    }
}
