namespace FunctionsSender.Core.Templates;

/// <summary>How one compiled piece of a template is written at render time.</summary>
internal enum SegmentKind : byte
{
    /// <summary>Template text copied as is.</summary>
    Literal,

    /// <summary>Placeholder in a text template: value copied as is.</summary>
    Text,

    /// <summary>Placeholder where a JSON value stands: a quoted, escaped JSON string (or raw JSON verbatim).</summary>
    JsonValue,

    /// <summary>Placeholder inside a JSON string literal: escaped, no quotes.</summary>
    JsonStringContent,
}

/// <param name="Literal">The text for <see cref="SegmentKind.Literal"/>; null for placeholders.</param>
/// <param name="VariableIndex">Index into the template's distinct variable names; -1 for literals.</param>
/// <param name="SourcePosition">Offset in the source where the segment starts (the <c>$</c> of a placeholder).</param>
internal readonly record struct TemplateSegment(SegmentKind Kind, string? Literal, int VariableIndex, int SourcePosition);
