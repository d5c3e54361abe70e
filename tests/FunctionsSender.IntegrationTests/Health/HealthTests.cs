using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using FunctionsSender.LocalHost;
using FunctionsSender.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.IntegrationTests.Health;

[Collection(AppCollection.Name)]
public class HealthTests(AppFixture app)
{
    [Fact]
    public async Task Health_answers_200_when_the_queue_and_tables_answer()
    {
        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("queues").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("tables").GetString());
    }

    [Fact]
    public async Task Health_answers_503_with_retry_after_not_500_when_storage_is_down()
    {
        // Storage on a port nothing listens on: the app still starts, and health says "try later".
        var port = ClosedPort();
        var deadStorage =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        await using var down = LocalFunctionsHost.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = deadStorage,
                ["FunctionsSender:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                [LocalFunctionsHost.DisabledSetting("DispatchNotification")] = "true",
                [LocalFunctionsHost.DisabledSetting("FailExhaustedNotification")] = "true",
                [LocalFunctionsHost.DisabledSetting("AcceptQueuedRequest")] = "true",
            });
            b.Logging.SetMinimumLevel(LogLevel.Error);
        });
        await down.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(down.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
            using var response = await client.GetAsync("/api/health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("unreachable", body.RootElement.GetProperty("queues").GetString());
            Assert.Equal("unreachable", body.RootElement.GetProperty("tables").GetString());
        }
        finally
        {
            await down.StopAsync();
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
