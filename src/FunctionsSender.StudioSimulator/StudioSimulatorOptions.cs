using FunctionsSender.StudioSimulator.Faults;

namespace FunctionsSender.StudioSimulator;

/// <summary>Settings bound from the <c>StudioSimulator</c> configuration section.</summary>
public sealed class StudioSimulatorOptions
{
    /// <summary>Account SID expected as the Basic user (an API key <c>SK…</c> is accepted too).</summary>
    public string AccountSid { get; set; } = StudioSimulatorDefaults.AccountSid;

    /// <summary>Password expected in Basic auth.</summary>
    public string AuthToken { get; set; } = StudioSimulatorDefaults.AuthToken;

    /// <summary>Comma-separated known flow sids; when empty every well-formed <c>FW…</c> sid is accepted.</summary>
    public string? Flows { get; set; }

    /// <summary>Log the <c>Parameters</c> JSON of each execution (the fake phone shows the OTP).</summary>
    public bool LogParameters { get; set; } = true;

    /// <summary>Faults active from start; can be changed at runtime through <see cref="SimulatorFaults"/>.</summary>
    public FaultSettings Faults { get; set; } = new();

    internal IReadOnlySet<string> KnownFlows() =>
        (Flows ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
}
