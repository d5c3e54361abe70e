using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using FunctionsSender.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FunctionsSender.LocalHost.Tests;

/// <summary>
/// LocalHost's own queue-listener client and the real app's registration accept AzureWebJobsStorage in either form.
/// The hosts are built, not started: a managed identity token would need Azure, so nothing here sends a request.
/// </summary>
public class StorageConnectionTests
{
    private const string ClientId = "6f1c2a5e-3b7d-4c1e-9a8f-2d4e6b8c0a1f";

    private static Dictionary<string, string?> IdentityForm() => new()
    {
        ["AzureWebJobsStorage:blobServiceUri"] = "https://stfsexample.blob.core.windows.net/",
        ["AzureWebJobsStorage:queueServiceUri"] = "https://stfsexample.queue.core.windows.net/",
        ["AzureWebJobsStorage:tableServiceUri"] = "https://stfsexample.table.core.windows.net/",
        ["AzureWebJobsStorage:credential"] = "managedidentity",
        ["AzureWebJobsStorage:clientId"] = ClientId,
    };

    [Fact]
    public async Task The_queue_listener_client_uses_the_identity_form()
    {
        var root = TestHost.CreateScriptRoot();
        var settings = IdentityForm();
        foreach (var queue in new[] { "BinaryQueue", "DeliveredQueue", "FailingQueue", "LongQueue", "SlowQueue" })
        {
            settings["Samples:" + queue] = queue.ToLowerInvariant();
        }

        await using var app = TestHost.Build(settings, root);

        var client = app.Services.GetRequiredService<StorageQueueConnections>().Get("AzureWebJobsStorage", "RecordsString");
        Assert.Equal("stfsexample", client.AccountName);
        Assert.Equal(new Uri("https://stfsexample.queue.core.windows.net/"), client.Uri);
        Assert.False(client.CanGenerateAccountSasUri); // a token credential, no shared key
    }

    [Fact]
    public void A_connection_string_still_builds_the_listener_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build();

        var connection = StorageQueueConnections.Require(configuration, "AzureWebJobsStorage", "F");
        Assert.False(connection.UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
    }

    [Fact]
    public void Neither_form_stops_start_up_naming_both()
    {
        var configuration = new ConfigurationBuilder().Build();

        var failure = Assert.Throws<InvalidOperationException>(() => StorageQueueConnections.Require(configuration, "AzureWebJobsStorage", "Dispatch"));
        Assert.Contains("UseDevelopmentStorage=true", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_app_builds_with_the_identity_form_for_its_tables_queues_and_triggers()
    {
        var settings = IdentityForm();
        settings["FunctionsSender:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = LocalFunctionsHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            builder => builder.Configuration.AddInMemoryCollection(settings));

        Assert.Equal("stfsexample", app.Services.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal("stfsexample", app.Services.GetRequiredService<QueueServiceClient>().AccountName);
        Assert.IsType<ManagedIdentityCredential>(app.Services.GetRequiredService<StorageConnection>().Credential);
        // Every queue trigger (dispatch, poison, queue intake) gets a listener over the same identity-based account.
        Assert.NotEmpty(app.Services.GetServices<IHostedService>().OfType<QueueFunctionListener>());
        Assert.Equal("stfsexample", app.Services.GetRequiredService<StorageQueueConnections>().Get("AzureWebJobsStorage", "Dispatch").AccountName);
    }
}
