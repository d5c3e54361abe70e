using System.Text;
using Azure.Storage.Queues;
using FunctionsSender.Testing;

namespace FunctionsSender.LocalHost.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueueFunctionTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_base64_message_is_delivered_as_text_and_deleted()
    {
        var names = UniqueQueueNames();
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queue = Client(names[SampleQueueFunctions.DeliveredSetting]!);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("""{"phone":"+15550001111"}""");

        await Eventually(() => host.Probe.Received("RecordsString").Count == 1);
        Assert.Equal("""{"phone":"+15550001111"}""", host.Probe.Received("RecordsString")[0]);
        await Eventually(async () => (await queue.PeekMessagesAsync(1)).Value.Length == 0
            && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
    }

    [Fact]
    public async Task The_queue_message_trigger_type_sees_the_decoded_body()
    {
        var names = UniqueQueueNames();
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queue = Client(names[SampleQueueFunctions.BinarySetting]!);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(new BinaryData(Encoding.UTF8.GetBytes("binary body")));

        await Eventually(() => host.Probe.Received("RecordsQueueMessage").Count == 1);
        Assert.Equal("binary body|1", host.Probe.Received("RecordsQueueMessage")[0]);
    }

    [Fact]
    public async Task A_failing_message_is_retried_then_moved_to_the_poison_queue()
    {
        var names = UniqueQueueNames();
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queueName = names[SampleQueueFunctions.FailingSetting]!;
        var queue = Client(queueName);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("doomed");

        var poison = Client(queueName + "-poison");
        await Eventually(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1);
        var poisoned = (await poison.PeekMessagesAsync(1)).Value[0];
        Assert.Equal("doomed", poisoned.Body.ToString());
        // maxDequeueCount is 2 in the test host.json: two attempts, then poison.
        Assert.Equal(["doomed", "doomed"], host.Probe.Received("AlwaysFails"));
        Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_parked_in_the_poison_queue_untouched()
    {
        var names = UniqueQueueNames();
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queueName = names[SampleQueueFunctions.DeliveredSetting]!;
        var raw = new QueueClient(azurite.ConnectionString, queueName);
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync("plain text, not base64!");

        var poison = new QueueClient(azurite.ConnectionString, queueName + "-poison");
        await Eventually(async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1);
        Assert.Equal("plain text, not base64!", (await poison.PeekMessagesAsync(1)).Value[0].MessageText);
        Assert.Empty(host.Probe.Received("RecordsString"));
        await Eventually(async () => (await raw.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_running_invocations_and_the_message_is_deleted()
    {
        var names = UniqueQueueNames();
        var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queue = Client(names[SampleQueueFunctions.SlowSetting]!);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("12345");
        await Eventually(() => host.Probe.Received("FinishesDuringShutdown").Count == 1);

        var probe = host.Probe;
        await host.DisposeAsync();

        Assert.Equal(["started", "finished 5"], probe.Received("FinishesDuringShutdown"));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_message_running_longer_than_its_lease_is_renewed_and_processed_once()
    {
        var names = UniqueQueueNames();
        names[FunctionsSender.LocalHost.LocalFunctionsHost.MessageLeaseSetting] = "2"; // renewed every second; the function runs 5 s
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);
        var queue = Client(names[SampleQueueFunctions.LongSetting]!);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("abc");

        await Eventually(() => host.Probe.Received("OutlivesItsLease").Contains("finished abc"));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(["started", "finished abc"], host.Probe.Received("OutlivesItsLease"));
        await Eventually(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
    }

    [Fact]
    public async Task Percent_queue_names_resolve_from_settings_and_the_queues_are_created()
    {
        var names = UniqueQueueNames();
        await using var host = await TestHost.StartWithAzuriteAsync(azurite, names);

        foreach (var name in names.Values)
        {
            var queue = Client(name!);
            await Eventually(async () => await queue.ExistsAsync() && await Client(name + "-poison").ExistsAsync());
        }
    }

    [Fact]
    public void An_unresolved_percent_queue_name_stops_start_up_with_the_setting_name()
    {
        var settings = new Dictionary<string, string?>(UniqueQueueNames()) { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        settings.Remove(SampleQueueFunctions.FailingSetting);
        var root = TestHost.CreateScriptRoot();

        var error = Assert.Throws<InvalidOperationException>(() => TestHost.Build(settings, root));

        Assert.Contains("Samples:FailingQueue", error.Message, StringComparison.Ordinal);
        Assert.Contains("AlwaysFails", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_storage_connection_stops_start_up()
    {
        var root = TestHost.CreateScriptRoot();

        var error = Assert.Throws<InvalidOperationException>(() => TestHost.Build(UniqueQueueNames(), root));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    private QueueClient Client(string name) =>
        new(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static Dictionary<string, string?> UniqueQueueNames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        return new()
        {
            [SampleQueueFunctions.DeliveredSetting] = "delivered-" + suffix,
            [SampleQueueFunctions.LongSetting] = "long-" + suffix,
            [SampleQueueFunctions.FailingSetting] = "failing-" + suffix,
            [SampleQueueFunctions.BinarySetting] = "binary-" + suffix,
            [SampleQueueFunctions.SlowSetting] = "slow-" + suffix,
        };
    }

    private static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}
