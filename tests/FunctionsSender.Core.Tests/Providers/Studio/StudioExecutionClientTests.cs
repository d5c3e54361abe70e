using FunctionsSender.Core.Providers.Studio;

namespace FunctionsSender.Core.Tests.Providers.Studio;

public class StudioExecutionClientTests
{
    [Fact]
    public void Reads_the_execution_sid_of_a_201()
    {
        var response = StudioExecutionClient.Parse(201, """{"sid":"FN0123456789abcdef0123456789abcdef","status":"active"}""");
        Assert.True(response.IsSuccess);
        Assert.Equal("FN0123456789abcdef0123456789abcdef", response.ExecutionSid);
    }

    [Fact]
    public void Reads_twilio_error_json()
    {
        var response = StudioExecutionClient.Parse(401, """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");
        Assert.False(response.IsSuccess);
        Assert.False(response.IsTransient);
        Assert.Equal(20003, response.ProviderCode);
        Assert.Equal("Authenticate", response.ProviderMessage);
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void Classifies_throttling_timeouts_and_server_errors_as_transient(int status, bool transient) =>
        Assert.Equal(transient, StudioExecutionClient.Parse(status, "<html>not json</html>").IsTransient);
}
