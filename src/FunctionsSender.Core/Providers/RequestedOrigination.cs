using FunctionsSender.Core.Phones;

namespace FunctionsSender.Core.Providers;

/// <summary>A platform's <c>from</c>, normalised like a sender's numbers: E.164, or the digits of a short code.</summary>
public static class RequestedOrigination
{
    public static string? Normalize(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return null;
        }

        if (PhoneNumberFormat.TryNormalizeInternational(from, out var e164))
        {
            return e164;
        }

        var trimmed = from.Trim();
        return trimmed.Length is >= 5 and <= 6 && trimmed.All(char.IsAsciiDigit) ? trimmed : null;
    }
}
