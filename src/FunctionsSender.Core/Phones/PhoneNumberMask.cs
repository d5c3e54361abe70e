namespace FunctionsSender.Core.Phones;

/// <summary>The only form in which a phone number may appear in logs and status records: <c>+1415*****23</c>.</summary>
public static class PhoneNumberMask
{
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "";
        }

        // Keep the country code and start of the area code (5 chars with '+'), and the last two digits.
        var visiblePrefix = number.StartsWith('+') ? 5 : 1;
        if (number.Length <= visiblePrefix + 2)
        {
            return new string('*', number.Length);
        }

        return string.Create(number.Length, (number, visiblePrefix), static (span, state) =>
        {
            var (value, prefix) = state;
            value.AsSpan(0, prefix).CopyTo(span);
            span[prefix..^2].Fill('*');
            value.AsSpan(value.Length - 2).CopyTo(span[^2..]);
        });
    }
}
