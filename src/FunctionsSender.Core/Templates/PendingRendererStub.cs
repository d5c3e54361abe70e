// TEMPORARY: replaced by the real renderer at merge.
namespace FunctionsSender.Core.Templates;
public enum TemplateKind { Json, Text }
public interface ITemplateValues { bool TryGetValue(string name, out string value, out bool isRawJson); }
public sealed class TemplateSyntaxException(string message, int position) : FormatException(message) { public int Position { get; } = position; }
public sealed class MissingTemplateVariableException(string variableName) : Exception(variableName) { public string VariableName { get; } = variableName; }
public sealed class CompiledTemplate
{
    public string Source { get; private init; } = "";
    public TemplateKind Kind { get; private init; }
    public IReadOnlyList<string> VariableNames { get; private init; } = [];
    public static CompiledTemplate Compile(string source) => new() { Source = source, Kind = source.TrimStart().StartsWith('{') ? TemplateKind.Json : TemplateKind.Text, VariableNames = System.Text.RegularExpressions.Regex.Matches(source, @"\$\{([A-Za-z0-9_.-]+)\}").Select(m => m.Groups[1].Value).Distinct().ToList() };
    public string Render(IReadOnlyDictionary<string, string> values) => Source;
    public string Render<TValues>(in TValues values) where TValues : ITemplateValues => Source;
}
public sealed class TemplateCache { public CompiledTemplate GetOrCompile(string s) { _ = this; return CompiledTemplate.Compile(s); } public static CompiledTemplate GetOrCompile_(string source) => CompiledTemplate.Compile(source); }
