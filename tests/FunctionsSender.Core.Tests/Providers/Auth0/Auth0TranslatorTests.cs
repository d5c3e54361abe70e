using System.Text.Json;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers.Auth0;

namespace FunctionsSender.Core.Tests.Providers.Auth0;

public class Auth0TranslatorTests
{
    /// <summary><c>event.notification</c> of Auth0's custom-phone-provider trigger.</summary>
    private const string Notification = """
        {"message_type":"otp_verify","as_text":"Your verification code is: 012345","as_voice":"Your verification code is 0 1 2 3 4 5",
         "code":"012345","delivery_method":"text","from":"+14155550100","locale":"en_US","recipient":"+14155550123"}
        """;

    private static Auth0Translator Translator(FakeTemplateDirectory? templates = null) =>
        new(new NotificationRequestValidator(TestOptions.Create()), templates ?? new FakeTemplateDirectory());

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task Without_a_template_the_text_is_wrapped_with_the_code()
    {
        var translation = await Translator().TranslateAsync("studio", Json(Notification), CancellationToken.None);

        var request = translation.Request;
        Assert.True(request is not null, translation.Errors.ToString());
        Assert.Equal("+14155550123", request.To);
        Assert.Equal(NotificationChannel.Sms, request.Channel);
        Assert.Equal("en-US", request.Locale);
        Assert.Equal("+14155550100", request.From);
        Assert.Null(request.Template);
        Assert.Equal("""{"OTP":"012345","message":"Your verification code is: 012345"}""", request.Message);
        Assert.Equal("012345", request.Variables["otp"]);
    }

    [Fact]
    public async Task The_wrapped_form_is_accepted_too()
    {
        var translation = await Translator().TranslateAsync("studio", Json($$"""{"notification":{{Notification}}}"""), CancellationToken.None);
        Assert.Equal("+14155550123", translation.Request!.To);
    }

    [Fact]
    public async Task Message_type_selects_our_template_for_the_channel_and_locale()
    {
        var templates = new FakeTemplateDirectory(("otp_verify", NotificationChannel.Voice));
        var voice = Notification.Replace("\"text\"", "\"voice\"", StringComparison.Ordinal);
        var translation = await Translator(templates).TranslateAsync("studio", Json(voice), CancellationToken.None);
        Assert.Equal("otp_verify", translation.Request!.Template);
        Assert.Null(translation.Request.Message);
        Assert.Equal(("otp_verify", NotificationChannel.Voice, "en-US"), templates.Lookups.Single());

        var text = await Translator(templates).TranslateAsync("studio", Json(Notification), CancellationToken.None);
        Assert.Null(text.Request!.Template);
    }

    [Theory]
    [InlineData("text", NotificationChannel.Sms, "Your verification code is: 012345")]
    [InlineData("TEXT", NotificationChannel.Sms, "Your verification code is: 012345")]
    [InlineData("voice", NotificationChannel.Voice, "Your verification code is 0 1 2 3 4 5")]
    public async Task Delivery_method_picks_channel_and_text(string method, NotificationChannel channel, string text)
    {
        var body = Notification.Replace("\"text\"", $"\"{method}\"", StringComparison.Ordinal);
        var translation = await Translator().TranslateAsync("studio", Json(body), CancellationToken.None);
        Assert.Equal(channel, translation.Request!.Channel);
        Assert.Equal(text, JsonDocument.Parse(translation.Request.Message!).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Message_types_without_a_code_send_the_text_alone()
    {
        var translation = await Translator().TranslateAsync("studio",
            Json("""{"message_type":"blocked_account","as_text":"Your account was blocked.","delivery_method":"text","recipient":"14155550123"}"""), CancellationToken.None);
        Assert.Equal("""{"message":"Your account was blocked."}""", translation.Request!.Message);
        Assert.Equal("+14155550123", translation.Request.To);
        Assert.Empty(translation.Request.Variables);
    }

    [Theory]
    [InlineData("\"recipient\":\"+14155550123\"", "\"recipient\":\"+1000\"", "recipient")]
    [InlineData(",\"recipient\":\"+14155550123\"", "", "recipient")]
    [InlineData("\"delivery_method\":\"text\"", "\"delivery_method\":\"fax\"", "delivery_method")]
    [InlineData("\"delivery_method\":\"text\",", "", "delivery_method")]
    [InlineData("\"as_text\":\"Your verification code is: 012345\",", "", "as_text")]
    [InlineData("\"locale\":\"en_US\"", "\"locale\":\"??\"", "locale")]
    [InlineData("\"code\":\"012345\"", "\"code\":12345", "code")]
    public async Task Bad_fields_are_named_by_their_auth0_name(string find, string replace, string field)
    {
        var translation = await Translator().TranslateAsync("studio", Json(Notification.Replace(find, replace, StringComparison.Ordinal)), CancellationToken.None);
        Assert.Null(translation.Request);
        Assert.True(translation.Errors.Contains(field), translation.Errors.ToString());
    }
}
