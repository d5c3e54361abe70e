namespace FunctionsSender.LocalHost.Tests;

public sealed class HostJsonSettingsTests
{
    [Fact]
    public void An_empty_host_json_gets_the_functions_host_defaults()
    {
        var settings = HostJsonSettings.Parse("""{ "version": "2.0" }""");

        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(new QueueListenerSettings(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, "base64"), settings.Queues);
    }

    [Fact]
    public void A_missing_file_means_defaults() =>
        Assert.Equal(HostJsonSettings.Default, HostJsonSettings.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json")));

    [Fact]
    public void Queue_settings_and_route_prefix_are_read_with_comments_and_trailing_commas()
    {
        var settings = HostJsonSettings.Parse("""
            {
              // as written by hand
              "extensions": {
                "http": { "routePrefix": "/functions/" },
                "queues": {
                  "batchSize": 4,
                  "maxPollingInterval": "00:00:02",
                  "visibilityTimeout": "00:00:05",
                  "maxDequeueCount": 3,
                  "messageEncoding": "none",
                },
              },
            }
            """);

        Assert.Equal("functions", settings.RoutePrefix);
        Assert.Equal(new QueueListenerSettings(4, 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 3, "none"), settings.Queues);
        Assert.False(settings.Queues.UsesBase64Encoding);
    }

    [Fact]
    public void An_explicit_empty_route_prefix_means_no_prefix() =>
        Assert.Equal(string.Empty, HostJsonSettings.Parse("""{ "extensions": { "http": { "routePrefix": "" } } }""").RoutePrefix);

    [Fact]
    public void An_explicit_new_batch_threshold_wins_over_half_the_batch_size() =>
        Assert.Equal(1, HostJsonSettings.Parse("""{ "extensions": { "queues": { "batchSize": 10, "newBatchThreshold": 1 } } }""").Queues.NewBatchThreshold);

    [Fact]
    public void The_repository_host_json_parses()
    {
        var path = Path.Combine(Testing.AzuriteFixture.FindRepositoryRoot(), "host.json");

        var settings = HostJsonSettings.Load(path);

        Assert.Equal("api", settings.RoutePrefix);
        Assert.True(settings.Queues.UsesBase64Encoding);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": 0 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""")]
    public void Values_the_functions_host_would_reject_are_rejected(string json) =>
        Assert.Throws<InvalidOperationException>(() => HostJsonSettings.Parse(json));
}
