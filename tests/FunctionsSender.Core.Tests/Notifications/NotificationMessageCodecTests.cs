using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Secrets;

namespace FunctionsSender.Core.Tests.Notifications;

public class NotificationMessageCodecTests
{
    private readonly NotificationMessageCodec _codec = new(new SecretProtector(TestOptions.Create()));

    private static NotificationMessage Message(string id = "n-1") => new()
    {
        Id = id,
        SenderId = "s",
        Channel = NotificationChannel.Voice,
        To = "+14155550123",
        Template = "strong_authentication",
        Locale = "fr-CA",
        Variables = new Dictionary<string, string> { ["otp"] = "012345", ["user.username"] = "alice" },
        ExpiresAt = DateTimeOffset.Parse("2026-11-26T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        AcceptedAt = DateTimeOffset.Parse("2026-11-26T00:55:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Round_trips_and_keeps_the_otp_and_number_out_of_the_text()
    {
        var text = _codec.Encode(Message());
        Assert.DoesNotContain("012345", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4155550123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", text, StringComparison.Ordinal);

        Assert.True(_codec.TryDecode(text, out var decoded));
        Assert.Equal("+14155550123", decoded!.To);
        Assert.Equal("012345", decoded.Variables["otp"]);
        Assert.Equal(NotificationChannel.Voice, decoded.Channel);
        Assert.Equal("fr-CA", decoded.Locale);
        Assert.Equal(Message().ExpiresAt, decoded.ExpiresAt);
        Assert.Equal("n-1", NotificationMessage.TryReadId(text));
    }

    [Fact]
    public void A_sealed_part_moved_to_another_message_does_not_open()
    {
        var text = _codec.Encode(Message("n-1"));
        var moved = text.Replace("\"id\":\"n-1\"", "\"id\":\"n-2\"", StringComparison.Ordinal);
        Assert.False(_codec.TryDecode(moved, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"x\",\"sealed\":\"v1:AAAA\"}")]
    [InlineData("{\"id\":\"x\",\"channel\":42}")]
    public void Refuses_what_is_not_a_message_of_ours(string text) => Assert.False(_codec.TryDecode(text, out _));
}
