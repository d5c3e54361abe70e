using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>Shapes of Twilio sids: two-letter prefix followed by 32 hex digits.</summary>
internal static partial class StudioSids
{
    public static bool IsFlowSid(string value) => FlowSidPattern().IsMatch(value);

    public static bool IsExecutionSid(string value) => ExecutionSidPattern().IsMatch(value);

    public static string NewExecutionSid() =>
        "FN" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    [GeneratedRegex("^FW[0-9a-fA-F]{32}$")]
    private static partial Regex FlowSidPattern();

    [GeneratedRegex("^FN[0-9a-f]{32}$")]
    private static partial Regex ExecutionSidPattern();
}
