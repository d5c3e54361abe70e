namespace FunctionsSender.Core.Templates;

public enum TemplateKind
{
    /// <summary>Plain substitution, no escaping (SMS bodies, subjects).</summary>
    Text,

    /// <summary>A JSON object; values are JSON-escaped according to where each placeholder stands.</summary>
    Json,
}
