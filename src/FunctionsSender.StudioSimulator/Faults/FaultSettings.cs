namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>
/// Standing faults applied to every <c>/v2</c> request: random errors, latency, hanging and dropped connections.
/// Bound from <c>StudioSimulator:Faults</c> at start and replaced at runtime by <c>PUT /_simulator/faults</c>.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Share of requests (0..1) answered with one of <see cref="ErrorStatuses"/>.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Statuses picked at random for injected errors; 500 when empty.</summary>
    public IReadOnlyList<int> ErrorStatuses { get; set; } = [];

    /// <summary><c>Retry-After</c> seconds sent with injected 429 answers.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Smallest added delay in milliseconds.</summary>
    public int MinLatencyMs { get; set; }

    /// <summary>Largest added delay in milliseconds; equal to <see cref="MinLatencyMs"/> for a fixed delay.</summary>
    public int MaxLatencyMs { get; set; }

    /// <summary>Never answer; the request ends only when the client gives up.</summary>
    public bool Hang { get; set; }

    /// <summary>Abort the connection without an answer.</summary>
    public bool Drop { get; set; }

    /// <summary>Problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            problems.Add("errorRate must be between 0 and 1.");
        }

        if (ErrorStatuses.Any(s => s is < 400 or > 599))
        {
            problems.Add("errorStatuses must be between 400 and 599.");
        }

        if (RetryAfterSeconds is < 0)
        {
            problems.Add("retryAfterSeconds must not be negative.");
        }

        if (MinLatencyMs < 0 || MaxLatencyMs < 0)
        {
            problems.Add("minLatencyMs and maxLatencyMs must not be negative.");
        }

        if (MaxLatencyMs != 0 && MaxLatencyMs < MinLatencyMs)
        {
            problems.Add("maxLatencyMs must not be smaller than minLatencyMs.");
        }

        return problems;
    }
}
