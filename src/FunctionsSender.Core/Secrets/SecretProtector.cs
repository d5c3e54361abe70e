using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Secrets;

/// <summary>
/// AES-GCM with <c>SecretKey</c>: a fresh nonce per write, and caller-chosen associated data (the sender id)
/// so a ciphertext copied to another record does not decrypt there. During a key rotation values sealed with
/// <c>PreviousSecretKey</c> still open; every write seals with the current key.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly byte[]? _previousKey;

    public SecretProtector(IOptions<FunctionsSenderOptions> options)
    {
        _key = DecodeKey(options.Value.SecretKey, "SecretKey");
        _previousKey = string.IsNullOrEmpty(options.Value.PreviousSecretKey) ? null : DecodeKey(options.Value.PreviousSecretKey, "PreviousSecretKey");
    }

    public string Protect(string plaintext, string associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(plain);
        return $"{Version}:{Convert.ToBase64String(output)}";
    }

    /// <exception cref="CryptographicException">Neither key opens it, or the ciphertext was altered or moved.</exception>
    public string Unprotect(string protectedValue, string associatedData)
    {
        if (!protectedValue.StartsWith(Version + ":", StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown secret format.");
        }

        var data = Convert.FromBase64String(protectedValue[(Version.Length + 1)..]);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Secret is too short.");
        }

        try
        {
            return Open(_key, data, associatedData);
        }
        catch (CryptographicException) when (_previousKey is not null)
        {
            return Open(_previousKey, data, associatedData);
        }
    }

    private static string Open(byte[] key, byte[] data, string associatedData)
    {
        var cipherLength = data.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] DecodeKey(string? value, string name)
    {
        var key = Convert.FromBase64String(value ?? "");
        return key.Length == 32 ? key : throw new InvalidOperationException($"FunctionsSender:{name} must be the Base64 encoding of 32 bytes.");
    }
}
