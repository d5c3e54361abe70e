using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsSender.IntegrationTests.Notifications;

[Collection(AppCollection.Name)]
public class IdempotencyKeyTests(AppFixture app)
{
    private async Task<HttpResponseMessage> PostAsync(object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await app.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_same_key_and_body_returns_the_first_answer_and_sends_once()
    {
        const string to = "+14155550160";
        var key = Guid.NewGuid().ToString("N");
        var body = new { senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"1\"}" };

        var first = await PostAsync(body, key);
        var second = await PostAsync(body, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(firstId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await app.WaitForTerminalStatusAsync(firstId!);
        await Task.Delay(300);
        Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
    }

    [Fact]
    public async Task The_same_key_with_another_body_gets_422()
    {
        var key = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(new { senderId = AppFixture.SenderId, channel = "sms", to = "+14155550161", message = "{}" }, key)).StatusCode);
        var second = await PostAsync(new { senderId = AppFixture.SenderId, channel = "sms", to = "+14155550162", message = "{}" }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Concurrent_duplicates_resolve_to_one_notification()
    {
        const string to = "+14155550163";
        var key = Guid.NewGuid().ToString("N");
        var body = new { senderId = AppFixture.SenderId, channel = "sms", to, message = "{\"OTP\":\"9\"}" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        await app.WaitForTerminalStatusAsync(ids[0]!);
        await Task.Delay(300);
        Assert.Single(app.Recorder.Requests, r => r.Field("To") == to);
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_naming_the_header()
    {
        var response = await PostAsync(new { senderId = AppFixture.SenderId, channel = "sms", to = "+14155550164", message = "{}" }, new string('k', 129));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }
}
