using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Enforces function and master keys the way Azure does: the key comes in the <c>x-functions-key</c> header or the
/// <c>code</c> query parameter; Function-level routes accept the function key or the master key, Admin-level routes only
/// the master key. With no key configured nothing is enforced, which is what <c>func start</c> does locally.
/// </summary>
public sealed class FunctionKeyAuthorization(string? functionKey, string? masterKey)
{
    public const string FunctionKeySetting = "LocalHost:FunctionKey";
    public const string MasterKeySetting = "LocalHost:MasterKey";
    public const string KeyHeader = "x-functions-key";
    public const string KeyQueryParameter = "code";

    private readonly byte[]? functionKeyBytes = ToBytes(functionKey);
    private readonly byte[]? masterKeyBytes = ToBytes(masterKey);

    public static FunctionKeyAuthorization FromConfiguration(IConfiguration configuration) =>
        new(configuration[FunctionKeySetting], configuration[MasterKeySetting]);

    public bool IsEnforced => functionKeyBytes is not null || masterKeyBytes is not null;

    public bool IsAuthorized(HttpRequest request, AuthorizationLevel level)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (level == AuthorizationLevel.Anonymous || !IsEnforced)
        {
            return true;
        }

        var presented = request.Headers[KeyHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[KeyQueryParameter].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        if (Matches(presentedBytes, masterKeyBytes))
        {
            return true;
        }

        // User and System levels have no local equivalent; like Admin they open only with the master key.
        return level == AuthorizationLevel.Function && Matches(presentedBytes, functionKeyBytes);
    }

    // Constant-time comparison so response timing does not leak how much of a guessed key was right.
    private static bool Matches(byte[] presented, byte[]? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(presented, expected);

    private static byte[]? ToBytes(string? key) => string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
}
