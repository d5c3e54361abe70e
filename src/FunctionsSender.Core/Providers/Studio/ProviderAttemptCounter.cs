namespace FunctionsSender.Core.Providers.Studio;

/// <summary>
/// Counts the POSTs one provider call really made, retries included, so the status can report attempts truthfully.
/// The resilience pipeline retries inside HttpClient; this handler sits inside it and sees every attempt.
/// </summary>
public sealed class ProviderAttemptCounter
{
    private int _count;

    public static readonly HttpRequestOptionsKey<ProviderAttemptCounter> Key = new("FunctionsSender.ProviderAttempts");

    public int Count => Volatile.Read(ref _count);

    internal void Increment() => Interlocked.Increment(ref _count);
}

public sealed class ProviderAttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(ProviderAttemptCounter.Key, out var counter))
        {
            counter.Increment();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
