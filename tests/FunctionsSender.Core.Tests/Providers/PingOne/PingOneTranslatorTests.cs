using System.Text.Json;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers.PingOne;
using FunctionsSender.Core.Validation;

namespace FunctionsSender.Core.Tests.Providers.PingOne;

public class PingOneTranslatorTests
{
    private readonly PingOneTranslator _translator = new(new NotificationRequestValidator(TestOptions.Create()));

    private static KeyValuePair<string, string>[] Form(params (string Key, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];

    [Fact]
    public void Maps_every_key_and_repairs_the_message()
    {
        var translation = _translator.Translate("studio", Form(
            ("to", "+14155550123"), ("message", """{"OTP":012345}"""), ("from", "+14155550100"), ("otp", "012345"), ("locale", "fr_CA"),
            ("user.username", "alice"), ("user.name.given", "Alice"), ("user.name.family", "Liddell")), null, null);

        var request = translation.Request;
        Assert.True(request is not null, translation.Errors.ToString());
        Assert.Equal("studio", request.SenderId);
        Assert.Equal(NotificationChannel.Sms, request.Channel);
        Assert.Equal("+14155550123", request.To);
        Assert.Equal("""{"OTP":"012345"}""", request.Message);
        Assert.Null(request.Template);
        Assert.Equal("fr-CA", request.Locale);
        Assert.Equal("+14155550100", request.From);
        Assert.Equal(300, request.ExpiresInSeconds);
        Assert.Equal(
            new Dictionary<string, string> { ["otp"] = "012345", ["user.username"] = "alice", ["user.name.given"] = "Alice", ["user.name.family"] = "Liddell" },
            request.Variables);
    }

    [Theory]
    [InlineData(null, NotificationChannel.Sms)]
    [InlineData("sms", NotificationChannel.Sms)]
    [InlineData("voice", NotificationChannel.Voice)]
    [InlineData("VOICE", NotificationChannel.Voice)]
    public void Channel_comes_from_the_query(string? channel, NotificationChannel expected)
    {
        var translation = _translator.Translate("studio", Form(("to", "14155550123"), ("message", "{}")), channel, null);
        Assert.Equal(expected, translation.Request!.Channel);
        Assert.Equal("+14155550123", translation.Request.To);
    }

    [Fact]
    public void Template_renders_from_the_posted_values_instead_of_the_message()
    {
        var translation = _translator.Translate("studio", Form(("to", "+14155550123"), ("message", "ignored"), ("otp", "012345")), "sms", "strong_authentication");
        Assert.Equal("strong_authentication", translation.Request!.Template);
        Assert.Null(translation.Request.Message);
        Assert.Equal("012345", translation.Request.Variables["otp"]);
    }

    [Fact]
    public void Twilio_style_keys_from_the_studio_guide_are_understood()
    {
        var translation = _translator.Translate("studio", Form(("From", "+14155550100"), ("To", "+14155550123"), ("Parameters", """{"OTP":0042}""")), null, null);
        Assert.Equal("""{"OTP":"0042"}""", translation.Request!.Message);
        Assert.Equal("+14155550123", translation.Request.To);
    }

    [Theory]
    [InlineData("+14155550100", "+14155550100")]
    [InlineData("14155550100", "+14155550100")]
    [InlineData("55555", "55555")]
    [InlineData("", null)]
    [InlineData("not a number", null)]
    public void From_is_normalised_or_dropped(string from, string? expected)
    {
        var translation = _translator.Translate("studio", Form(("to", "+14155550123"), ("message", "{}"), ("from", from)), null, null);
        Assert.Equal(expected, translation.Request!.From);
    }

    [Theory]
    [InlineData("message", "to", "+14155550123")]
    [InlineData("to", "message", "{}")]
    public void Missing_required_keys_are_named(string missing, string key, string value)
    {
        var translation = _translator.Translate("studio", Form((key, value)), null, null);
        Assert.Null(translation.Request);
        Assert.True(translation.Errors.Contains(missing), translation.Errors.ToString());
    }

    [Theory]
    [InlineData("to", "+10005550123", null, null)]
    [InlineData("channel", "+14155550123", "fax", null)]
    [InlineData("template", "+14155550123", null, "Bad-Type")]
    [InlineData("locale", "+14155550123", null, null)]
    public void Bad_values_are_named_with_pingone_keys(string field, string to, string? channel, string? template)
    {
        var translation = _translator.Translate("studio", Form(("to", to), ("message", "{}"), ("locale", field == "locale" ? "not a locale!" : "en")), channel, template);
        Assert.Null(translation.Request);
        Assert.True(translation.Errors.Contains(field), translation.Errors.ToString());
    }

    [Fact]
    public void A_variable_too_long_is_named_by_its_pingone_key()
    {
        var translation = _translator.Translate("studio", Form(("to", "+14155550123"), ("message", "{}"), ("user.username", new string('a', 600))), null, null);
        Assert.True(translation.Errors.Contains("user.username"), translation.Errors.ToString());
    }

    [Fact]
    public void A_repeated_key_is_refused()
    {
        var translation = _translator.Translate("studio", Form(("to", "+14155550123"), ("to", "+14155550124"), ("message", "{}")), null, null);
        Assert.True(translation.Errors.Contains("to"), translation.Errors.ToString());
    }

    [Fact]
    public void Json_bodies_flatten_to_the_same_keys()
    {
        using var document = JsonDocument.Parse("""{"to":"+14155550123","message":"{}","otp":123,"user":{"username":"alice","name":{"given":"Alice"}},"skip":null}""");
        var errors = new ValidationErrors();
        var pairs = PingOneTranslator.FlattenJson(document.RootElement, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(
            [new("to", "+14155550123"), new("message", "{}"), new("otp", "123"), new("user.username", "alice"), new("user.name.given", "Alice")],
            pairs);

        using var array = JsonDocument.Parse("""{"to":["+14155550123"]}""");
        PingOneTranslator.FlattenJson(array.RootElement, errors);
        Assert.True(errors.Contains("to"));
    }
}
