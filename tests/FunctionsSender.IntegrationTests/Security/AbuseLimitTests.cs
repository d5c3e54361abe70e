using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsSender.StudioSimulator;

namespace FunctionsSender.IntegrationTests.Security;

[Collection(AppCollection.Name)]
public class AbuseLimitTests(AppFixture app)
{
    private Task<HttpResponseMessage> PostAsync(string to, string senderId = AppFixture.SenderId) =>
        app.PostNotificationAsync(new { senderId, channel = "sms", to, message = "{\"OTP\":\"1\"}" });

    [Fact]
    public async Task A_burst_to_one_number_hits_429_with_retry_after_while_another_number_passes()
    {
        const string target = "+14155550601";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 21; i++)
        {
            var response = await PostAsync(target);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Accepted)); // the fixture's MaxPerDestination
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(refused!.Headers.RetryAfter?.Delta);
        Assert.True(refused.Headers.RetryAfter!.Delta!.Value > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("+14155550602")).StatusCode);
    }

    [Fact]
    public async Task The_destination_limit_is_keyed_by_a_keyed_hash_never_the_number()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("+14155550603")).StatusCode);
        await foreach (var row in app.Tables.GetTableClient("ratelimits").QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain("14155550603", row.PartitionKey, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_destination_outside_the_senders_allowed_countries_is_refused_naming_to()
    {
        await app.PutSenderAsync("us-only", StudioSimulatorDefaults.AuthToken, allowedCountries: ["US", "CA"]);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("+14155550604", "us-only")).StatusCode);

        var refused = await PostAsync("+447911123456", "us-only");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task A_burst_to_one_country_trips_the_pumping_guard_and_warns_once()
    {
        await app.PutSenderAsync("pump-guard", StudioSimulatorDefaults.AuthToken, maxPerCountryPerWindow: 3);
        var numbers = new[] { "+447911123401", "+447911123402", "+447911123403", "+447911123404", "+447911123405" };
        var statuses = new List<HttpStatusCode>();
        foreach (var number in numbers)
        {
            statuses.Add((await PostAsync(number, "pump-guard")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("+14155550605", "pump-guard")).StatusCode); // another country still flows
        Assert.Single(app.Logs.Lines, l => l.Contains("Possible SMS pumping", StringComparison.Ordinal) && l.Contains("pump-guard", StringComparison.Ordinal));
    }
}
