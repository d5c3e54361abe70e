namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>
/// One scripted answer, consumed by the next <c>/v2</c> request. A 2xx status means "answer normally"
/// (after <see cref="DelayMs"/>), so a script of <c>[500, 201]</c> reads "a 500, then success".
/// </summary>
public sealed record ScriptedResponse(
    int Status,
    int? RetryAfterSeconds = null,
    int? DelayMs = null,
    bool Hang = false,
    bool Drop = false)
{
    /// <summary>Shortcut for "the next request answers <paramref name="status"/>".</summary>
    public static ScriptedResponse WithStatus(int status, int? retryAfterSeconds = null) => new(status, retryAfterSeconds);

    internal IReadOnlyList<string> Validate() =>
        Status is < 100 or > 599 ? [$"status {Status} is not an HTTP status."]
        : DelayMs is < 0 ? ["delayMs must not be negative."]
        : [];
}
