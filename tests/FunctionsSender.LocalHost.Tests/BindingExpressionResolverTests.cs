using Microsoft.Extensions.Configuration;

namespace FunctionsSender.LocalHost.Tests;

public sealed class BindingExpressionResolverTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FunctionsSender:QueueName"] = "otp-notifications",
            ["Region"] = "eu",
        })
        .Build();

    [Theory]
    [InlineData("literal-queue", "literal-queue")]
    [InlineData("%FunctionsSender:QueueName%", "otp-notifications")]
    [InlineData("%FunctionsSender__QueueName%", "otp-notifications")]
    [InlineData("otp-%Region%-requests", "otp-eu-requests")]
    public void Expressions_resolve_from_configuration(string expression, string expected) =>
        Assert.Equal(expected, BindingExpressionResolver.Resolve(expression, Configuration, "Fn"));

    [Fact]
    public void An_unset_setting_names_the_function_and_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BindingExpressionResolver.Resolve("%Missing:Queue%", Configuration, "SendOtp"));

        Assert.Contains("SendOtp", error.Message, StringComparison.Ordinal);
        Assert.Contains("Missing:Queue", error.Message, StringComparison.Ordinal);
        Assert.Contains("Missing__Queue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmatched_percent_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => BindingExpressionResolver.Resolve("%Region", Configuration, "Fn"));
}
