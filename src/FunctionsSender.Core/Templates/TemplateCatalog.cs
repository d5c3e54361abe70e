using FunctionsSender.Core.Notifications;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Finds the template for a request by the locale chain (exact → language → default) and returns it compiled.
/// Variants are cached per type and channel for <c>ConfigCacheSeconds</c>; compiled forms are cached by source.
/// </summary>
public sealed class TemplateCatalog(
    TemplateRepository repository,
    TemplateCache compiled,
    IMemoryCache cache,
    IOptions<FunctionsSenderOptions> options) : ITemplateDirectory
{
    public async ValueTask<bool> ExistsAsync(string type, NotificationChannel channel, string? locale, CancellationToken cancellationToken) =>
        await FindAsync(type, channel, locale, cancellationToken) is not null;

    public async ValueTask<ResolvedTemplate?> FindAsync(string type, NotificationChannel channel, string? locale, CancellationToken cancellationToken)
    {
        var chain = await FindChainAsync(type, channel, locale, cancellationToken);
        return chain.Count > 0 ? chain[0] : null;
    }

    /// <summary>
    /// Every existing variant on the request's fallback chain, in the order they would be chosen: the first is used
    /// now, the others if it is deleted before dispatch, so the intake checks variables against all of them.
    /// </summary>
    public async ValueTask<IReadOnlyList<ResolvedTemplate>> FindChainAsync(string type, NotificationChannel channel, string? locale, CancellationToken cancellationToken)
    {
        var variants = await VariantsAsync(type, channel, cancellationToken);
        var chain = new List<ResolvedTemplate>(3);
        foreach (var candidate in LocaleTag.FallbackChain(locale))
        {
            var match = variants.FirstOrDefault(v => string.Equals(v.Locale, candidate, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                chain.Add(new ResolvedTemplate(match, compiled.GetOrCompile(match.Message)));
            }
        }

        return chain;
    }

    public void Forget(string type, NotificationChannel channel) => cache.Remove(("templates", type, channel));

    private async ValueTask<IReadOnlyList<NotificationTemplate>> VariantsAsync(string type, NotificationChannel channel, CancellationToken cancellationToken)
    {
        var key = ("templates", type, channel);
        if (cache.TryGetValue(key, out IReadOnlyList<NotificationTemplate>? cached) && cached is not null)
        {
            return cached;
        }

        var variants = await repository.GetVariantsAsync(type, channel, cancellationToken);
        var ttl = options.Value.ConfigCacheSeconds;
        if (ttl > 0)
        {
            cache.Set(key, variants, TimeSpan.FromSeconds(ttl));
        }

        return variants;
    }
}

public sealed record ResolvedTemplate(NotificationTemplate Template, CompiledTemplate Compiled);
