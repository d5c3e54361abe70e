using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Secrets;

/// <summary>
/// AES-GCM with <c>SecretKey</c>: a fresh nonce per write, and caller-chosen associated data (the sender id)
/// so a ciphertext copied to another record does not decrypt there.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(IOptions<FunctionsSenderOptions> options)
    {
        _key = Convert.FromBase64String(options.Value.SecretKey);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("FunctionsSender:SecretKey must be the Base64 encoding of 32 bytes.");
        }
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

    /// <exception cref="CryptographicException">The key is wrong, or the ciphertext was altered or moved.</exception>
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

        var cipherLength = data.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }
}
