namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>Every execution created since start, kept in memory.</summary>
public sealed class ExecutionStore
{
    private readonly Lock gate = new();
    private readonly List<SimulatedExecution> executions = [];

    /// <summary>Executions in creation order.</summary>
    public IReadOnlyList<SimulatedExecution> All
    {
        get
        {
            lock (gate)
            {
                return [.. executions];
            }
        }
    }

    internal void Add(SimulatedExecution execution)
    {
        lock (gate)
        {
            executions.Add(execution);
        }
    }

    internal SimulatedExecution? Find(string flowSid, string sid)
    {
        lock (gate)
        {
            return executions.Find(e => e.FlowSid == flowSid && e.Sid == sid);
        }
    }

    /// <summary>Executions of one flow, newest first, as Twilio lists them.</summary>
    internal IReadOnlyList<SimulatedExecution> ForFlow(string flowSid)
    {
        lock (gate)
        {
            return executions.Where(e => e.FlowSid == flowSid).Reverse().ToList();
        }
    }

    /// <summary>Forgets every execution.</summary>
    public void Clear()
    {
        lock (gate)
        {
            executions.Clear();
        }
    }
}
