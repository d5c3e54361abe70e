using Microsoft.Extensions.Configuration;

namespace FunctionsSender.LocalHost.Tests;

public sealed class LocalSettingsTests
{
    private const string LocalSettings = """
        {
          "IsEncrypted": false,
          "Values": {
            "AzureWebJobsStorage": "UseDevelopmentStorage=true",
            "FunctionsSender__QueueName": "from-local-settings",
            "Samples__Number": 42,
          },
          "ConnectionStrings": { "Db": "server=local" }
        }
        """;

    [Fact]
    public void Values_are_read_with_double_underscores_as_sections()
    {
        var root = TestHost.CreateScriptRoot(localSettingsJson: LocalSettings);
        var configuration = new ConfigurationBuilder()
            .Add(new LocalSettingsConfigurationSource(Path.Combine(root, "local.settings.json")))
            .Build();

        Assert.Equal("UseDevelopmentStorage=true", configuration["AzureWebJobsStorage"]);
        Assert.Equal("from-local-settings", configuration["FunctionsSender:QueueName"]);
        Assert.Equal("42", configuration["Samples:Number"]);
        Assert.Equal("server=local", configuration.GetConnectionString("Db"));
        Assert.Null(configuration["IsEncrypted"]);
    }

    [Fact]
    public async Task The_host_layers_defaults_local_settings_environment_and_test_settings_in_that_order()
    {
        var root = TestHost.CreateScriptRoot(localSettingsJson: """
            { "Values": { "LhTest__FromFile": "file", "LhTest__Overridden": "file", "LhTest__ByTest": "file" } }
            """);
        var variable = "LhTest__Overridden";
        Environment.SetEnvironmentVariable(variable, "environment");
        try
        {
            await using var app = TestHost.Build(
                new Dictionary<string, string?>(TestHost.WithoutQueueFunctions()) { ["LhTest:ByTest"] = "test" },
                root);

            Assert.Equal("file", app.Configuration["LhTest:FromFile"]);
            Assert.Equal("environment", app.Configuration["LhTest:Overridden"]);
            Assert.Equal("test", app.Configuration["LhTest:ByTest"]);
            Assert.Equal("otp-notifications", app.Configuration["FunctionsSender:QueueName"]);
            Assert.Equal("otp-requests", app.Configuration["FunctionsSender:RequestQueueName"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Local_settings_override_the_built_in_defaults()
    {
        var root = TestHost.CreateScriptRoot(localSettingsJson: LocalSettings);

        await using var app = TestHost.Build(TestHost.WithoutQueueFunctions(), root);

        Assert.Equal("from-local-settings", app.Configuration["FunctionsSender:QueueName"]);
    }
}
