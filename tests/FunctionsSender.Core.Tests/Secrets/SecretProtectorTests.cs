using System.Security.Cryptography;
using FunctionsSender.Core.Secrets;

namespace FunctionsSender.Core.Tests.Secrets;

public class SecretProtectorTests
{
    private readonly SecretProtector _protector = new(TestOptions.Create());

    [Fact]
    public void Round_trips_and_uses_a_fresh_nonce_each_time()
    {
        var first = _protector.Protect("auth-token", "twilio-prod");
        var second = _protector.Protect("auth-token", "twilio-prod");
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("auth-token", first, StringComparison.Ordinal);
        Assert.Equal("auth-token", _protector.Unprotect(first, "twilio-prod"));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_sender_does_not_decrypt()
    {
        var sealedValue = _protector.Protect("auth-token", "twilio-prod");
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(sealedValue, "other-sender"));
    }

    [Fact]
    public void Another_key_cannot_decrypt()
    {
        var sealedValue = _protector.Protect("auth-token", "s");
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(TestOptions.Create()).Unprotect(sealedValue, "s"));
    }
}
