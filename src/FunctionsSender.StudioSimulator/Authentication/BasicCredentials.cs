using System.Security.Cryptography;
using System.Text;

namespace FunctionsSender.StudioSimulator.Authentication;

/// <summary>What an <c>Authorization</c> header carried, as far as Twilio's Basic scheme goes.</summary>
internal sealed record BasicCredentials(string? Scheme, string? Username, string? Password)
{
    public static BasicCredentials FromHeader(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return new BasicCredentials(null, null, null);
        }

        var parts = authorization.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var scheme = parts[0];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || parts.Length < 2)
        {
            return new BasicCredentials(scheme, null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? new BasicCredentials(scheme, decoded, null)
                : new BasicCredentials(scheme, decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return new BasicCredentials(scheme, null, null);
        }
    }

    public bool PasswordMatches(string expected) =>
        Password is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(expected));

    /// <summary>Twilio accepts the Account SID, or an API key sid (<c>SK…</c>) with its secret.</summary>
    public bool IsAuthenticated(StudioSimulatorOptions options) =>
        Username is not null
        && (Username == options.AccountSid || Username.StartsWith("SK", StringComparison.Ordinal))
        && PasswordMatches(options.AuthToken);
}
