using System.Diagnostics.CodeAnalysis;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Allocation-free adapter from a dictionary to <see cref="ITemplateValues"/>. A struct, so passing it to the
/// generic render method does not box. Names listed in <c>rawJsonNames</c> are flagged as raw JSON.
/// </summary>
public readonly struct DictionaryTemplateValues : ITemplateValues
{
    private readonly IReadOnlyDictionary<string, string> values;
    private readonly IReadOnlySet<string>? rawJsonNames;

    public DictionaryTemplateValues(IReadOnlyDictionary<string, string> values, IReadOnlySet<string>? rawJsonNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = values;
        this.rawJsonNames = rawJsonNames;
    }

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out string value, out bool isRawJson)
    {
        if (values is not null && values.TryGetValue(name, out value) && value is not null)
        {
            isRawJson = rawJsonNames is not null && rawJsonNames.Contains(name);
            return true;
        }

        value = null;
        isRawJson = false;
        return false;
    }
}
