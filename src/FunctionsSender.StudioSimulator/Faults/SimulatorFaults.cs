namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>
/// The fault controller: standing <see cref="FaultSettings"/> plus a queue of <see cref="ScriptedResponse"/>
/// consumed in order, one per <c>/v2</c> request. Scripted answers win over standing settings.
/// </summary>
public sealed class SimulatorFaults(FaultSettings initial)
{
    private readonly Lock gate = new();
    private readonly Queue<ScriptedResponse> script = new();
    private FaultSettings settings = Checked(initial);

    /// <summary>A copy of the standing settings.</summary>
    public FaultSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings with { };
            }
        }
    }

    /// <summary>Scripted answers not consumed yet.</summary>
    public int PendingScriptCount
    {
        get
        {
            lock (gate)
            {
                return script.Count;
            }
        }
    }

    /// <summary>Replaces the standing settings.</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public void Apply(FaultSettings newSettings)
    {
        var copy = Checked(newSettings);
        lock (gate)
        {
            settings = copy;
        }
    }

    /// <summary>Appends answers to the script; the next requests consume them in order.</summary>
    /// <exception cref="ArgumentException">A scripted answer is out of range.</exception>
    public void Enqueue(params IEnumerable<ScriptedResponse> responses)
    {
        var list = responses.ToList();
        var problems = list.SelectMany(r => r.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(responses));
        }

        lock (gate)
        {
            foreach (var response in list)
            {
                script.Enqueue(response);
            }
        }
    }

    /// <summary>Queues <paramref name="count"/> answers with <paramref name="status"/>.</summary>
    public void EnqueueStatus(int status, int count = 1, int? retryAfterSeconds = null) =>
        Enqueue(Enumerable.Repeat(new ScriptedResponse(status, retryAfterSeconds), count));

    /// <summary>Removes every fault: no standing faults, empty script.</summary>
    public void Reset()
    {
        lock (gate)
        {
            settings = new FaultSettings();
            script.Clear();
        }
    }

    internal FaultDecision Decide()
    {
        lock (gate)
        {
            if (script.TryDequeue(out var scripted))
            {
                return new FaultDecision(
                    TimeSpan.FromMilliseconds(scripted.DelayMs ?? 0),
                    scripted.Status is >= 200 and < 300 ? null : scripted.Status,
                    scripted.RetryAfterSeconds,
                    scripted.Hang,
                    scripted.Drop);
            }

            var current = settings;
            var delay = TimeSpan.FromMilliseconds(PickLatency(current));
            int? errorStatus = null;
            if (current.ErrorRate > 0 && Random.Shared.NextDouble() < current.ErrorRate)
            {
                var statuses = current.ErrorStatuses.Count > 0 ? current.ErrorStatuses : [StatusCodes.Status500InternalServerError];
                errorStatus = statuses[Random.Shared.Next(statuses.Count)];
            }

            var retryAfter = errorStatus == StatusCodes.Status429TooManyRequests ? current.RetryAfterSeconds : null;
            return new FaultDecision(delay, errorStatus, retryAfter, current.Hang, current.Drop);
        }
    }

    private static int PickLatency(FaultSettings current)
    {
        var max = Math.Max(current.MinLatencyMs, current.MaxLatencyMs);
        return max <= current.MinLatencyMs ? current.MinLatencyMs : Random.Shared.Next(current.MinLatencyMs, max + 1);
    }

    private static FaultSettings Checked(FaultSettings candidate)
    {
        var problems = candidate.Validate();
        return problems.Count > 0
            ? throw new ArgumentException(string.Join(" ", problems), nameof(candidate))
            : candidate with { ErrorStatuses = [.. candidate.ErrorStatuses] };
    }
}
