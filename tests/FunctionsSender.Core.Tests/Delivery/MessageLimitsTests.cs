using FunctionsSender.Core.Delivery;
using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Tests.Delivery;

public class MessageLimitsTests
{
    [Fact]
    public void An_sms_of_1600_characters_passes_and_1601_fails()
    {
        MessageRenderer.EnforceLimits(new RenderedMessage(new string('a', 1600), IsJson: false), NotificationChannel.Sms);
        var failure = Assert.Throws<DeliveryFailedException>(() =>
            MessageRenderer.EnforceLimits(new RenderedMessage(new string('a', 1601), IsJson: false), NotificationChannel.Sms));
        Assert.Equal("message_too_long", failure.Code);
    }

    [Fact]
    public void A_voice_text_is_not_held_to_the_sms_length()
    {
        MessageRenderer.EnforceLimits(new RenderedMessage(new string('a', 5000), IsJson: false), NotificationChannel.Voice);
    }

    [Fact]
    public void Json_parameters_are_limited_to_16_KiB_of_utf8()
    {
        var fits = "{\"a\":\"" + new string('x', 16 * 1024 - 8) + "\"}";
        MessageRenderer.EnforceLimits(new RenderedMessage(fits, IsJson: true), NotificationChannel.Sms);

        // 'é' is two UTF-8 bytes: the limit counts bytes, not characters.
        var over = "{\"a\":\"" + new string('é', 8 * 1024) + "\"}";
        var failure = Assert.Throws<DeliveryFailedException>(() => MessageRenderer.EnforceLimits(new RenderedMessage(over, IsJson: true), NotificationChannel.Sms));
        Assert.Equal("parameters_too_large", failure.Code);
    }
}
