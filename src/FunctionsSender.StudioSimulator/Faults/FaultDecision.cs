namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>What to do to one request before (or instead of) answering it.</summary>
internal sealed record FaultDecision(TimeSpan Delay, int? ErrorStatus, int? RetryAfterSeconds, bool Hang, bool Drop)
{
    public static FaultDecision None { get; } = new(TimeSpan.Zero, null, null, false, false);
}
