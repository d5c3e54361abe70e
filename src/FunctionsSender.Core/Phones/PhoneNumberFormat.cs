using PhoneNumbers;

namespace FunctionsSender.Core.Phones;

/// <summary>Parses and normalises destination numbers with libphonenumber (never a hand-written regex).</summary>
public static class PhoneNumberFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Accepts an E.164 number, or digits without the <c>+</c> that parse as an international number
    /// (Okta and PingOne's NUMBER_ONLY format send those), and returns it in E.164.
    /// </summary>
    public static bool TryNormalizeInternational(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        var trimmed = input.Trim();
        var candidate = trimmed.StartsWith('+') ? trimmed : "+" + trimmed;
        try
        {
            var number = Util.Parse(candidate, null);
            if (!Util.IsValidNumber(number))
            {
                return false;
            }

            e164 = Util.Format(number, PhoneNumbers.PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>True when the number is a valid US toll-free number (libphonenumber's number type, not a prefix list).</summary>
    public static bool IsUsTollFree(string? input, out string e164)
    {
        e164 = "";
        if (!TryNormalizeInternational(input, out var normalized))
        {
            return false;
        }

        var number = Util.Parse(normalized, null);
        if (Util.GetRegionCodeForNumber(number) != "US" || Util.GetNumberType(number) != PhoneNumberType.TOLL_FREE)
        {
            return false;
        }

        e164 = normalized;
        return true;
    }

    /// <summary>ISO 3166 region of a normalised number, or "ZZ" when unknown.</summary>
    public static string RegionOf(string e164)
    {
        try
        {
            return Util.GetRegionCodeForNumber(Util.Parse(e164, null)) ?? "ZZ";
        }
        catch (NumberParseException)
        {
            return "ZZ";
        }
    }
}
