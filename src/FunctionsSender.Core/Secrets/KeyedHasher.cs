using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Secrets;

/// <summary>
/// HMAC-SHA256 under keys derived (HKDF) from <c>SecretKey</c>, one per purpose. A plain hash of a six-digit OTP or a
/// phone number is reversed by trying every value; a keyed one cannot be without the key.
/// </summary>
public sealed class KeyedHasher(IOptions<FunctionsSenderOptions> options)
{
    private readonly byte[] _master = Convert.FromBase64String(options.Value.SecretKey);

    public string Hash(string purpose, string value)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, salt: [], info: Encoding.UTF8.GetBytes("FunctionsSender/" + purpose));
        var data = Encoding.UTF8.GetBytes(value);
        try
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(key, data));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
