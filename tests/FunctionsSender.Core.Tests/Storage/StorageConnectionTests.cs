using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using FunctionsSender.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSender.Core.Tests.Storage;

/// <summary>
/// AddFunctionsSender builds its Table and Queue clients from either form of AzureWebJobsStorage. Only construction is
/// checked: nothing here sends a request (a managed identity token would need Azure).
/// </summary>
public class StorageConnectionTests
{
    private const string ClientId = "6f1c2a5e-3b7d-4c1e-9a8f-2d4e6b8c0a1f";

    [Fact]
    public void A_connection_string_builds_shared_key_clients_for_azurite()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal("devstoreaccount1", tables.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
        Assert.Equal("devstoreaccount1", queues.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
        Assert.True(queues.CanGenerateAccountSasUri); // a shared key, not a token

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.False(connection.UsesIdentity);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void The_identity_form_builds_token_clients_with_the_user_assigned_managed_identity()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stfsexample.blob.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stfsexample.queue.core.windows.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stfsexample.table.core.windows.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        });

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal("stfsexample", tables.AccountName);
        Assert.Equal("stfsexample.table.core.windows.net", tables.Uri.Host);
        Assert.Equal("stfsexample", queues.AccountName);
        Assert.Equal(new Uri("https://stfsexample.queue.core.windows.net/"), queues.Uri);
        Assert.False(queues.CanGenerateAccountSasUri); // no shared key anywhere

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.True(connection.UsesIdentity);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void The_environment_spelling_with_double_underscores_is_read_too()
    {
        // App settings arrive as AzureWebJobsStorage__queueServiceUri; the environment provider maps __ to ':'.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stfsexample.queue.core.windows.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stfsexample.table.core.windows.net/",
        }).Build();

        var connection = StorageConnection.Find(configuration, "AzureWebJobsStorage")!;
        Assert.True(connection.UsesIdentity);
        Assert.IsType<DefaultAzureCredential>(connection.Credential); // no credential named
    }

    [Fact]
    public void Managed_identity_without_a_client_id_is_the_system_assigned_one()
    {
        var section = Configuration(new() { ["credential"] = "ManagedIdentity" });
        Assert.IsType<ManagedIdentityCredential>(StorageConnection.CreateCredential(section));
    }

    [Fact]
    public void An_account_name_alone_derives_the_public_cloud_endpoints()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stfsexample",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        Assert.Equal(new Uri("https://stfsexample.table.core.windows.net"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://stfsexample.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void The_identity_form_without_a_table_endpoint_fails_naming_the_setting()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stfsexample.queue.core.windows.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<TableServiceClient>());
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", (failure.InnerException ?? failure).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_finds_no_connection()
    {
        Assert.Null(StorageConnection.Find(Configuration([]), "AzureWebJobsStorage"));
    }

    [Fact]
    public void The_prefixed_and_connection_strings_names_are_found_as_the_host_finds_them()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsMyStorage"] = "UseDevelopmentStorage=true",
            ["ConnectionStrings:Other"] = "UseDevelopmentStorage=true",
        });

        Assert.Equal("UseDevelopmentStorage=true", StorageConnection.Find(configuration, "MyStorage")?.ConnectionString);
        Assert.Equal("UseDevelopmentStorage=true", StorageConnection.Find(configuration, "Other")?.ConnectionString);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        values["FunctionsSender:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var configuration = Configuration(values);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddFunctionsSender(configuration);
        return services.BuildServiceProvider();
    }
}
