namespace FunctionsSender.StudioSimulator.Recording;

/// <summary>Keeps every Executions POST the simulator received, and lets tests await the next one.</summary>
public sealed class SimulatorRecorder
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Arrival)> waiters = [];

    /// <summary>Requests in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    /// <summary>
    /// Returns the first recorded request matching <paramref name="predicate"/>, waiting for it to arrive when none has yet.
    /// </summary>
    /// <exception cref="TimeoutException">No matching request arrived within <paramref name="timeout"/>.</exception>
    public async Task<RecordedRequest> WaitForRequestAsync(
        Func<RecordedRequest, bool> predicate,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var arrival = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        (Func<RecordedRequest, bool>, TaskCompletionSource<RecordedRequest>) waiter = (predicate, arrival);
        lock (gate)
        {
            var existing = requests.Find(r => predicate(r));
            if (existing is not null)
            {
                return existing;
            }

            waiters.Add(waiter);
        }

        try
        {
            return await arrival.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"No matching Executions request arrived within {timeout}; {Requests.Count} request(s) recorded.");
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for any request to arrive (or returns the first one already recorded).</summary>
    public Task<RecordedRequest> WaitForRequestAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForRequestAsync(_ => true, timeout, cancellationToken);

    internal void Record(RecordedRequest request)
    {
        List<TaskCompletionSource<RecordedRequest>> matched;
        lock (gate)
        {
            requests.Add(request);
            matched = [.. waiters.Where(w => w.Predicate(request)).Select(w => w.Arrival)];
        }

        foreach (var arrival in matched)
        {
            arrival.TrySetResult(request);
        }
    }
}
