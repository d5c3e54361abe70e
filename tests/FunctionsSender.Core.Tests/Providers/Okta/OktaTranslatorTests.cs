using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers.Okta;

namespace FunctionsSender.Core.Tests.Providers.Okta;

public class OktaTranslatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 28, 17, 40, 0, TimeSpan.Zero);

    /// <summary>The request of Okta's telephony inline hook reference, as Okta sends it.</summary>
    public static JsonObject Sample() => JsonNode.Parse("""
        {
          "eventId": "B_Uw4ZHvQWyQDkPJKlXSHg",
          "eventTime": "2026-01-28T17:40:00.000Z",
          "eventType": "com.okta.telephony.provider",
          "eventTypeVersion": "1.0",
          "contentType": "application/json",
          "cloudEventVersion": "0.1",
          "source": "https://example.okta.com/api/v1/inlineHooks/cali0ptdcqMb1fMBV1d7",
          "requestType": "com.okta.user.telephony.mfa-verification",
          "data": {
            "context": { "request": { "id": "reqRgSk8IBBRhuo0YdlEDTmUw", "method": "POST", "url": { "value": "/idp/idx/challenge" } } },
            "userProfile": { "firstName": "test", "lastName": "user", "login": "test.user@okta.com", "userId": "00uyxxSZbvWJsQmn70g4" },
            "messageProfile": {
              "msgTemplate": "Your test code is 012345",
              "phoneNumber": "14155550123",
              "otpExpires": "2026-01-28T17:44:57.711Z",
              "deliveryChannel": "SMS",
              "otpCode": "012345",
              "locale": "EN-US"
            }
          }
        }
        """)!.AsObject();

    private static OktaTranslator Translator(FakeTemplateDirectory? templates = null) => new(
        new NotificationRequestValidator(TestOptions.Create()), templates ?? new FakeTemplateDirectory(), TestOptions.Create(), new FixedClock(Now));

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    [Fact]
    public async Task Maps_the_reference_request_to_a_wrapped_message()
    {
        var translation = await Translator().TranslateAsync("studio", Element(Sample()), null, CancellationToken.None);

        var request = translation.Request;
        Assert.True(request is not null, translation.Errors.ToString());
        Assert.Equal("+14155550123", request.To);
        Assert.Equal(NotificationChannel.Sms, request.Channel);
        Assert.Equal("en-US", request.Locale);
        Assert.Equal("""{"OTP":"012345","message":"Your test code is 012345"}""", request.Message);
        Assert.Null(request.Template);
        Assert.Equal(298, request.ExpiresInSeconds);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["otp"] = "012345", ["user.username"] = "test.user@okta.com", ["user.name.given"] = "test", ["user.name.family"] = "user",
            },
            request.Variables);
    }

    [Fact]
    public async Task The_default_okta_template_is_used_when_it_exists()
    {
        var templates = new FakeTemplateDirectory(("okta_mfa_verification", NotificationChannel.Sms));
        var translation = await Translator(templates).TranslateAsync("studio", Element(Sample()), null, CancellationToken.None);
        Assert.Equal("okta_mfa_verification", translation.Request!.Template);
        Assert.Null(translation.Request.Message);
        Assert.Equal(("okta_mfa_verification", NotificationChannel.Sms, "en-US"), templates.Lookups.Single());
    }

    [Fact]
    public async Task The_query_template_wins()
    {
        var translation = await Translator().TranslateAsync("studio", Element(Sample()), "strong_authentication", CancellationToken.None);
        Assert.Equal("strong_authentication", translation.Request!.Template);
    }

    [Theory]
    [InlineData("com.okta.user.telephony.pre-enrollment", "okta_pre_enrollment")]
    [InlineData("com.okta.user.telephony.account-unlock", "okta_account_unlock")]
    [InlineData("com.okta.user.telephony.password-reset", "okta_password_reset")]
    [InlineData("com.example.other", null)]
    [InlineData(null, null)]
    public void Default_template_names_follow_the_request_type(string? requestType, string? expected) =>
        Assert.Equal(expected, OktaTranslator.DefaultTemplateFor(requestType));

    [Theory]
    [InlineData("SMS", NotificationChannel.Sms)]
    [InlineData("sms", NotificationChannel.Sms)]
    [InlineData("CALL", NotificationChannel.Voice)]
    [InlineData("call", NotificationChannel.Voice)]
    [InlineData("voice call", NotificationChannel.Voice)]
    [InlineData("Voice Call", NotificationChannel.Voice)]
    [InlineData(" VOICE ", NotificationChannel.Voice)]
    public async Task Every_channel_spelling_is_understood(string spelling, NotificationChannel expected)
    {
        var body = Sample();
        body["data"]!["messageProfile"]!["deliveryChannel"] = spelling;
        var translation = await Translator().TranslateAsync("studio", Element(body), null, CancellationToken.None);
        Assert.Equal(expected, translation.Request!.Channel);
    }

    [Theory]
    [InlineData("2026-01-28T17:40:00.400Z", 1)]
    [InlineData("2026-01-28T18:40:00Z", 3600)]
    [InlineData("2026-01-29T17:40:00Z", 3600)]
    [InlineData("2026-01-28T18:41:00+01:00", 60)]
    public async Task Expiry_becomes_seconds_clamped_to_the_maximum(string expires, int seconds)
    {
        var body = Sample();
        body["data"]!["messageProfile"]!["otpExpires"] = expires;
        var translation = await Translator().TranslateAsync("studio", Element(body), null, CancellationToken.None);
        Assert.Equal(seconds, translation.Request!.ExpiresInSeconds);
    }

    [Theory]
    [InlineData("phoneNumber", "12", "data.messageProfile.phoneNumber")]
    [InlineData("phoneNumber", null, "data.messageProfile.phoneNumber")]
    [InlineData("deliveryChannel", "FAX", "data.messageProfile.deliveryChannel")]
    [InlineData("deliveryChannel", null, "data.messageProfile.deliveryChannel")]
    [InlineData("otpCode", null, "data.messageProfile.otpCode")]
    [InlineData("otpCode", "", "data.messageProfile.otpCode")]
    [InlineData("otpExpires", "2026-01-28T17:39:59Z", "data.messageProfile.otpExpires")]
    [InlineData("otpExpires", "soon", "data.messageProfile.otpExpires")]
    [InlineData("locale", "not a locale!", "data.messageProfile.locale")]
    public async Task Bad_fields_are_named_by_their_okta_path(string field, string? value, string path)
    {
        var body = Sample();
        var profile = body["data"]!["messageProfile"]!.AsObject();
        if (value is null)
        {
            profile.Remove(field);
        }
        else
        {
            profile[field] = value;
        }

        var translation = await Translator().TranslateAsync("studio", Element(body), null, CancellationToken.None);
        Assert.Null(translation.Request);
        Assert.True(translation.Errors.Contains(path), translation.Errors.ToString());
        Assert.Equal(1, translation.Errors.Count);
    }

    [Fact]
    public async Task A_body_without_a_message_profile_is_refused()
    {
        var translation = await Translator().TranslateAsync("studio", Element(JsonNode.Parse("""{"data":{}}""")!), null, CancellationToken.None);
        Assert.True(translation.Errors.Contains("data.messageProfile"), translation.Errors.ToString());
    }

    [Fact]
    public void The_fallback_message_fills_the_code_into_a_raw_template()
    {
        Assert.Equal("""{"OTP":"0042","message":"Code: 0042 é"}""", OktaTranslator.FallbackMessage("0042", "Code: ${code} é"));
        Assert.Equal("""{"OTP":"0042"}""", OktaTranslator.FallbackMessage("0042", null));
    }
}
