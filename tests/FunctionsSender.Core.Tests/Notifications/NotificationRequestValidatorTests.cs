using System.Text.Json;
using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Tests.Notifications;

public class NotificationRequestValidatorTests
{
    private readonly NotificationRequestValidator _validator = new(TestOptions.Create());

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private const string Valid = """
        {"senderId":"twilio-prod","channel":"sms","to":"+14155550123","template":"strong_authentication",
         "locale":"en_us","variables":{"otp":"012345","user.username":"alice"},"expiresInSeconds":120}
        """;

    [Fact]
    public void Accepts_the_contract_example_and_normalises_locale()
    {
        Assert.True(_validator.TryValidate(Json(Valid), out var request, out var errors), errors.ToString());
        Assert.Equal("twilio-prod", request!.SenderId);
        Assert.Equal(NotificationChannel.Sms, request.Channel);
        Assert.Equal("+14155550123", request.To);
        Assert.Equal("en-US", request.Locale);
        Assert.Equal("012345", request.Variables["otp"]);
        Assert.Equal(120, request.ExpiresInSeconds);
    }

    [Fact]
    public void Normalises_a_number_without_plus_that_parses_as_international()
    {
        Assert.True(_validator.TryValidate(Json("""{"senderId":"s","channel":"voice","to":"447911123456","message":"hi"}"""), out var request, out _));
        Assert.Equal("+447911123456", request!.To);
        Assert.Equal(300, request.ExpiresInSeconds);
        Assert.Null(request.Locale);
    }

    [Theory]
    [InlineData("""{"channel":"sms","to":"+14155550123","message":"m"}""", "senderId")]
    [InlineData("""{"senderId":"Bad_Id","channel":"sms","to":"+14155550123","message":"m"}""", "senderId")]
    [InlineData("""{"senderId":"s","channel":"fax","to":"+14155550123","message":"m"}""", "channel")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+1415","message":"m"}""", "to")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+999123456789","message":"m"}""", "to")]
    [InlineData("""{"senderId":"s","channel":"sms","to":12345,"message":"m"}""", "to")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123"}""", "template")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","template":"t","message":"m"}""", "message")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","template":"Bad-Type"}""", "template")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","locale":"not a locale"}""", "locale")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","variables":[]}""", "variables")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","variables":{"otp":123}}""", "variables.otp")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","variables":{"bad name":"x"}}""", "variables")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","expiresInSeconds":0}""", "expiresInSeconds")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","expiresInSeconds":3601}""", "expiresInSeconds")]
    [InlineData("""{"senderId":"s","channel":"sms","to":"+14155550123","message":"m","expiresInSeconds":"60"}""", "expiresInSeconds")]
    [InlineData("""[1,2]""", "$")]
    public void Names_the_bad_field(string body, string field)
    {
        Assert.False(_validator.TryValidate(Json(body), out _, out var errors));
        Assert.True(errors.Contains(field), $"expected an error for '{field}', got: {errors}");
    }

    [Fact]
    public void Reports_every_error_at_once()
    {
        Assert.False(_validator.TryValidate(Json("""{"senderId":"","channel":"fax","to":"nope"}"""), out _, out var errors));
        Assert.True(errors.Count >= 4, errors.ToString());
    }

    [Fact]
    public void Refuses_too_many_and_too_long_variables()
    {
        var many = string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"v{i}\":\"x\""));
        Assert.False(_validator.TryValidate(Json("{\"senderId\":\"s\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\",\"variables\":{" + many + "}}"), out _, out var errors));
        Assert.True(errors.Contains("variables"));

        var longValue = new string('x', 513);
        Assert.False(_validator.TryValidate(Json("{\"senderId\":\"s\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"m\",\"variables\":{\"otp\":\"" + longValue + "\"}}"), out _, out errors));
        Assert.True(errors.Contains("variables.otp"));
    }

    [Fact]
    public void Takes_a_producer_id_only_when_allowed()
    {
        const string body = """{"id":"order-42","senderId":"s","channel":"sms","to":"+14155550123","message":"m"}""";
        Assert.True(_validator.TryValidate(Json(body), out var request, out _, allowId: true));
        Assert.Equal("order-42", request!.Id);
        Assert.True(_validator.TryValidate(Json(body), out request, out _));
        Assert.Null(request!.Id);
        Assert.False(_validator.TryValidate(Json("""{"id":"bad id!","senderId":"s","channel":"sms","to":"+14155550123","message":"m"}"""), out _, out var errors, allowId: true));
        Assert.True(errors.Contains("id"));
    }
}
