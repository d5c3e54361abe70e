using System.Buffers;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// A template parsed once into segments and rendered many times. Rendering looks each distinct variable up once,
/// measures the exact output length (including escaping), then writes straight into the result with
/// <see cref="string.Create{TState}(int, TState, SpanAction{char, TState})"/>: the result string is the only allocation.
/// Values are never re-expanded. Immutable and thread-safe.
/// </summary>
public sealed class CompiledTemplate
{
    private readonly TemplateSegment[] segments;
    private readonly string[] variableNames;
    private readonly int literalLength;

    private CompiledTemplate(string source, TemplateKind kind, TemplateSegment[] segments, string[] variableNames)
    {
        Source = source;
        Kind = kind;
        this.segments = segments;
        this.variableNames = variableNames;
        VariableNames = new ReadOnlyCollection<string>(variableNames);
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Literal)
            {
                literalLength += segment.Literal!.Length;
            }
        }
    }

    public string Source { get; }

    public TemplateKind Kind { get; }

    /// <summary>Distinct placeholder names in order of first use.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>
    /// Compiles <paramref name="source"/>; a JSON template if its first non-whitespace character is <c>{</c>, otherwise text.
    /// </summary>
    /// <exception cref="TemplateSyntaxException">Bad placeholder syntax, or a JSON template that is not a valid JSON object.</exception>
    public static CompiledTemplate Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Compile(source, TemplateParser.DetectKind(source));
    }

    /// <summary>Compiles <paramref name="source"/> as the given kind, bypassing detection (e.g. to insist on a JSON object).</summary>
    /// <exception cref="TemplateSyntaxException">Bad placeholder syntax, or a JSON template that is not a valid JSON object.</exception>
    public static CompiledTemplate Compile(string source, TemplateKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (kind is not (TemplateKind.Json or TemplateKind.Text))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var (segments, names) = TemplateParser.Parse(source, kind);
        return new CompiledTemplate(source, kind, segments, names);
    }

    /// <exception cref="MissingTemplateVariableException">A placeholder has no value (or a null value).</exception>
    public string Render(IReadOnlyDictionary<string, string> values) => Render(new DictionaryTemplateValues(values));

    /// <summary>Allocation-free apart from the result when <typeparamref name="TValues"/> is a struct (or a cached instance).</summary>
    /// <exception cref="MissingTemplateVariableException">A placeholder has no value (or a null value).</exception>
    public string Render<TValues>(in TValues values)
        where TValues : ITemplateValues, allows ref struct
    {
        int count = variableNames.Length;
        if (count == 0)
        {
            return Source;
        }

        // Look every variable up exactly once; typical templates have a handful, so they live on the stack.
        var stackSlots = default(InlineSlots);
        ValueSlot[]? rented = null;
        Span<ValueSlot> slots = count <= InlineSlots.Length
            ? ((Span<ValueSlot>)stackSlots)[..count]
            : (rented = ArrayPool<ValueSlot>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            for (int v = 0; v < count; v++)
            {
                string name = variableNames[v];
                if (!values.TryGetValue(name, out string? value, out bool isRawJson) || value is null)
                {
                    throw new MissingTemplateVariableException(name);
                }

                slots[v] = new ValueSlot(value, isRawJson);
            }

            var state = new RenderState(segments, slots);
            return string.Create(MeasureLength(slots), state, static (span, s) => s.WriteTo(span));
        }
        finally
        {
            if (rented is not null)
            {
                // Cleared so OTPs do not linger in the shared pool.
                ArrayPool<ValueSlot>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    public override string ToString() => Source;

    private int MeasureLength(ReadOnlySpan<ValueSlot> slots)
    {
        int length = literalLength;
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Literal)
            {
                continue;
            }

            var slot = slots[segment.VariableIndex];
            int valueLength = segment.Kind switch
            {
                SegmentKind.Text => slot.Value.Length,
                SegmentKind.JsonValue when slot.IsRawJson => slot.Value.Length,
                SegmentKind.JsonValue => JsonStringEscaper.GetQuotedLength(slot.Value),
                _ => JsonStringEscaper.GetEscapedLength(slot.Value),
            };
            length = checked(length + valueLength);
        }

        return length;
    }

    private readonly record struct ValueSlot(string Value, bool IsRawJson);

    [InlineArray(Length)]
    private struct InlineSlots
    {
        public const int Length = 16;

        private ValueSlot element;
    }

    /// <summary>A ref struct so the stack-held slots can travel into the <c>string.Create</c> callback.</summary>
    private readonly ref struct RenderState(TemplateSegment[] segments, ReadOnlySpan<ValueSlot> slots)
    {
        private readonly TemplateSegment[] segments = segments;
        private readonly ReadOnlySpan<ValueSlot> slots = slots;

        public void WriteTo(Span<char> destination)
        {
            int position = 0;
            foreach (var segment in segments)
            {
                if (segment.Kind == SegmentKind.Literal)
                {
                    segment.Literal.AsSpan().CopyTo(destination[position..]);
                    position += segment.Literal!.Length;
                    continue;
                }

                var slot = slots[segment.VariableIndex];
                switch (segment.Kind)
                {
                    case SegmentKind.Text:
                    case SegmentKind.JsonValue when slot.IsRawJson:
                        slot.Value.AsSpan().CopyTo(destination[position..]);
                        position += slot.Value.Length;
                        break;
                    case SegmentKind.JsonValue:
                        position += JsonStringEscaper.WriteQuoted(slot.Value, destination[position..]);
                        break;
                    default:
                        position += JsonStringEscaper.Escape(slot.Value, destination[position..]);
                        break;
                }
            }

            Debug.Assert(position == destination.Length, "Measured and written lengths must agree.");
        }
    }
}
