namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>Hides the middle of a phone number in logs: <c>+14155550123</c> becomes <c>+1415*****23</c>.</summary>
public static class PhoneNumberMask
{
    private const int KeptAtStart = 5;
    private const int KeptAtEnd = 2;

    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(none)";
        }

        if (value.Length <= KeptAtStart + KeptAtEnd)
        {
            return new string('*', value.Length);
        }

        return string.Concat(
            value.AsSpan(0, KeptAtStart),
            new string('*', value.Length - KeptAtStart - KeptAtEnd),
            value.AsSpan(value.Length - KeptAtEnd));
    }
}
