using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Secrets;

namespace FunctionsSender.Core.Tests.Notifications;

public class RequestFingerprintTests
{
    private static NotificationRequest Request(string otp) => new()
    {
        SenderId = "s", Channel = NotificationChannel.Sms, To = "+14155550123", Template = "t",
        Variables = new Dictionary<string, string> { ["otp"] = otp }, ExpiresInSeconds = 300,
    };

    [Fact]
    public void Is_stable_for_the_same_request_and_differs_for_another()
    {
        var fingerprints = new RequestFingerprint(new KeyedHasher(TestOptions.Create()));
        Assert.Equal(fingerprints.Of(Request("123456")), fingerprints.Of(Request("123456")));
        Assert.NotEqual(fingerprints.Of(Request("123456")), fingerprints.Of(Request("123457")));
    }

    [Fact]
    public void Is_keyed_so_it_cannot_be_recomputed_without_the_secret_key()
    {
        var mine = new RequestFingerprint(new KeyedHasher(TestOptions.Create()));
        var theirs = new RequestFingerprint(new KeyedHasher(TestOptions.Create()));
        Assert.NotEqual(mine.Of(Request("123456")), theirs.Of(Request("123456")));
    }
}
