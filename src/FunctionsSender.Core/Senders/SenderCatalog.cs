using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Senders;

/// <summary>
/// Read-through cache of sender configs for the hot paths (intake and dispatch): one table read per sender per
/// <c>ConfigCacheSeconds</c> rather than per message, so an admin update is visible within that bound.
/// </summary>
public sealed class SenderCatalog(SenderRepository repository, IMemoryCache cache, IOptions<FunctionsSenderOptions> options)
{
    public async ValueTask<SenderConfig?> FindAsync(string senderId, CancellationToken cancellationToken)
    {
        var key = ("sender", senderId);
        if (cache.TryGetValue(key, out SenderConfig? cached))
        {
            return cached;
        }

        var stored = await repository.GetAsync(senderId, cancellationToken);
        var ttl = options.Value.ConfigCacheSeconds;
        if (ttl > 0)
        {
            cache.Set(key, stored?.Config, TimeSpan.FromSeconds(ttl));
        }

        return stored?.Config;
    }

    /// <summary>Makes this instance's own admin writes visible at once; other instances see them within the TTL.</summary>
    public void Forget(string senderId) => cache.Remove(("sender", senderId));
}
