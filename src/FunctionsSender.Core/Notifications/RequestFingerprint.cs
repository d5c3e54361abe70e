using System.Text;
using FunctionsSender.Core.Secrets;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// A stable keyed hash of a validated request, so "the same request again" (a repeated id or idempotency key) can be
/// told from "another request under a used id or key" without storing the request, whose variables hold the OTP.
/// Keyed (HMAC), because a plain hash of a request with a six-digit OTP gives the OTP away to anyone who tries them all.
/// </summary>
public sealed class RequestFingerprint(KeyedHasher hasher)
{
    public string Of(NotificationRequest request)
    {
        var builder = new StringBuilder();
        Append(builder, request.SenderId);
        Append(builder, request.Channel.ToWire());
        Append(builder, request.To);
        Append(builder, request.Template);
        Append(builder, request.Message);
        Append(builder, request.Locale);
        Append(builder, request.ExpiresInSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (request.From is not null)
        {
            // Only when present, so fingerprints of requests without it (all native ones) are unchanged.
            Append(builder, "from");
            Append(builder, request.From);
        }

        foreach (var (name, value) in request.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Append(builder, name);
            Append(builder, value);
        }

        return hasher.Hash("request-fingerprint", builder.ToString());
    }

    // Length-prefixed so that ("ab","c") and ("a","bc") differ.
    private static void Append(StringBuilder builder, string? value) =>
        builder.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
}
