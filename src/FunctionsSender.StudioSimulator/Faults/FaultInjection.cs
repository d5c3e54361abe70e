using FunctionsSender.StudioSimulator.TwilioErrors;

namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>Carries out a <see cref="FaultDecision"/> on one request.</summary>
internal sealed class FaultInjection(SimulatorFaults faults, IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// Applies delay, hang, drop or an error. Returns <c>null</c> when the request should be answered normally,
    /// <see cref="NoAnswer"/> when it was never answered, or the error to send.
    /// </summary>
    public async Task<IResult?> InterceptAsync(HttpContext http)
    {
        var decision = faults.Decide();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, stopping.Token).ConfigureAwait(false);
            }

            if (decision.Hang)
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            http.Abort();
            return NoAnswer.Instance;
        }

        if (decision.Drop)
        {
            http.Abort();
            return NoAnswer.Instance;
        }

        return decision.ErrorStatus is { } status
            ? TwilioErrorResult.ForStatus(status, decision.RetryAfterSeconds)
            : null;
    }
}

/// <summary>The request got no answer: the connection was aborted or the client gave up.</summary>
internal sealed class NoAnswer : IResult
{
    public static NoAnswer Instance { get; } = new();

    public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
}
