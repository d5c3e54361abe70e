using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FunctionsSender.Core.Providers.Studio;

/// <summary>
/// Shapes the rate toward each provider account (Studio: 20 new executions per second per account), queueing bursts
/// instead of provoking 429 storms. Per process: with N instances the account sees at most N × the rate, which the
/// Retry-After-aware retries absorb.
/// </summary>
public sealed class ProviderRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Account, int Rate), TokenBucketRateLimiter> _limiters = new();

    public async ValueTask AcquireAsync(string account, int permitsPerSecond, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd((account, permitsPerSecond), static key => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.Rate,
            TokensPerPeriod = key.Rate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

        using var lease = await limiter.AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
