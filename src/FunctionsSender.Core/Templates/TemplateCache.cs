using System.Collections.Concurrent;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Thread-safe cache of compiled templates keyed by their source text, so each distinct template is parsed once.
/// Bounded: templates come from configuration and are few, so when the cap is reached the cache is simply
/// cleared rather than paying for LRU bookkeeping on every hit. Compile errors are not cached.
/// </summary>
public sealed class TemplateCache
{
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, CompiledTemplate> templates = new(StringComparer.Ordinal);

    public TemplateCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => templates.Count;

    /// <exception cref="TemplateSyntaxException">The source is not a valid template.</exception>
    public CompiledTemplate GetOrCompile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (templates.TryGetValue(source, out var cached))
        {
            return cached;
        }

        var compiled = CompiledTemplate.Compile(source);
        if (templates.Count >= Capacity)
        {
            templates.Clear();
        }

        // GetOrAdd so that racing callers converge on one instance.
        return templates.GetOrAdd(source, compiled);
    }
}
