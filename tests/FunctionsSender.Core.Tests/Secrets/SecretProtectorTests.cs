using FunctionsSender.Core;
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

public class SecretKeyRotationTests
{
    [Fact]
    public void Values_sealed_with_the_previous_key_still_open_while_new_writes_use_the_current_key()
    {
        var oldOptions = TestOptions.Create();
        var oldKey = oldOptions.Value.SecretKey;
        var sealedWithOld = new SecretProtector(oldOptions).Protect("token", "s");

        var rotating = new SecretProtector(TestOptions.Create(o => o.PreviousSecretKey = oldKey));
        Assert.Equal("token", rotating.Unprotect(sealedWithOld, "s"));

        var sealedWithNew = rotating.Protect("token", "s");
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(Microsoft.Extensions.Options.Options.Create(
            new FunctionsSenderOptions { SecretKey = oldKey })).Unprotect(sealedWithNew, "s"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void A_missing_or_malformed_key_fails_options_validation(string key)
    {
        var options = new FunctionsSenderOptions { SecretKey = key };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(FunctionsSenderOptions.SecretKey)));
    }
}
