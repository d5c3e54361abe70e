using System.Diagnostics.CodeAnalysis;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Supplies placeholder values to <see cref="CompiledTemplate.Render{TValues}(in TValues)"/>. Implement it on a
/// struct (or pass a cached instance) so rendering allocates nothing but the result string.
/// </summary>
public interface ITemplateValues
{
    /// <param name="name">The placeholder name, e.g. <c>otp</c> or <c>user.name.given</c>.</param>
    /// <param name="value">The value; never re-expanded, so a <c>${</c> inside it stays literal.</param>
    /// <param name="isRawJson">
    /// True when <paramref name="value"/> is already a JSON value (e.g. a rendered message object) to be inserted
    /// verbatim in value position. Inside a JSON string literal it is escaped like any text regardless.
    /// </param>
    bool TryGetValue(string name, [MaybeNullWhen(false)] out string value, out bool isRawJson);
}
