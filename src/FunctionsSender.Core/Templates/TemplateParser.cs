using System.Text;
using System.Text.Json;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Turns template source into segments. For JSON templates a minimal JSON-aware scan decides, per placeholder,
/// whether it stands in value position or inside a string literal; full structural validation is then delegated
/// to System.Text.Json by parsing a sample rendering (compile time only).
/// </summary>
internal static class TemplateParser
{
    public const int MaxNameLength = 64;

    private enum Expectation
    {
        Value,
        Key,
        Other,
    }

    public static TemplateKind DetectKind(string source)
    {
        int first = IndexOfFirstNonWhitespace(source);
        return first >= 0 && source[first] == '{' ? TemplateKind.Json : TemplateKind.Text;
    }

    public static (TemplateSegment[] Segments, string[] VariableNames) Parse(string source, TemplateKind kind)
    {
        bool json = kind == TemplateKind.Json;
        var segments = new List<TemplateSegment>();
        var variableNames = new List<string>();
        var variableIndexes = new Dictionary<string, int>(StringComparer.Ordinal);

        // JSON context: container stack (true = object) and what may come next outside strings.
        var containers = new Stack<bool>();
        var expectation = Expectation.Value;
        bool inString = false;
        bool escaped = false;

        int literalStart = 0;
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            if (c == '$' && !escaped && i + 1 < source.Length && source[i + 1] == '{')
            {
                int end = ReadPlaceholder(source, i, out string name);
                SegmentKind segmentKind;
                if (!json)
                {
                    segmentKind = SegmentKind.Text;
                }
                else if (inString)
                {
                    segmentKind = SegmentKind.JsonStringContent;
                }
                else if (expectation == Expectation.Value)
                {
                    segmentKind = SegmentKind.JsonValue;
                    expectation = Expectation.Other;
                }
                else if (expectation == Expectation.Key)
                {
                    throw new TemplateSyntaxException(
                        $"Placeholder '${{{name}}}' stands where an object key is expected; keys must be string literals", i);
                }
                else
                {
                    throw new TemplateSyntaxException(
                        $"Placeholder '${{{name}}}' must stand where a JSON value is expected or inside a string literal", i);
                }

                if (i > literalStart)
                {
                    segments.Add(new TemplateSegment(SegmentKind.Literal, source[literalStart..i], -1, literalStart));
                }

                if (!variableIndexes.TryGetValue(name, out int index))
                {
                    index = variableNames.Count;
                    variableIndexes.Add(name, index);
                    variableNames.Add(name);
                }

                segments.Add(new TemplateSegment(segmentKind, null, index, i));
                i = end;
                literalStart = end;
                continue;
            }

            if (json)
            {
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (c == '\\')
                    {
                        escaped = true;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                        expectation = Expectation.Other;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case '{':
                            containers.Push(true);
                            expectation = Expectation.Key;
                            break;
                        case '[':
                            containers.Push(false);
                            expectation = Expectation.Value;
                            break;
                        case '}' or ']':
                            containers.TryPop(out _);
                            expectation = Expectation.Other;
                            break;
                        case ',':
                            expectation = containers.TryPeek(out bool isObject)
                                ? (isObject ? Expectation.Key : Expectation.Value)
                                : Expectation.Other;
                            break;
                        case ':':
                            expectation = Expectation.Value;
                            break;
                        case '"':
                            inString = true;
                            break;
                        case ' ' or '\t' or '\r' or '\n':
                            break;
                        default:
                            expectation = Expectation.Other; // numbers, true/false/null, or junk the validator reports
                            break;
                    }
                }
            }

            i++;
        }

        if (literalStart < source.Length)
        {
            segments.Add(new TemplateSegment(SegmentKind.Literal, source[literalStart..], -1, literalStart));
        }

        var result = (segments.ToArray(), variableNames.ToArray());
        if (json)
        {
            ValidateJsonObject(source, result.Item1);
        }

        return result;
    }

    /// <summary>Reads <c>${name}</c> starting at <paramref name="dollar"/>; returns the index just after the <c>}</c>.</summary>
    private static int ReadPlaceholder(string source, int dollar, out string name)
    {
        int start = dollar + 2;
        int j = start;
        while (true)
        {
            if (j >= source.Length)
            {
                throw new TemplateSyntaxException("Unterminated placeholder: '${' has no closing '}'", dollar);
            }

            char c = source[j];
            if (c == '}')
            {
                break;
            }

            if (!IsNameChar(c))
            {
                throw new TemplateSyntaxException(
                    $"Invalid character U+{(int)c:X4} in placeholder name (allowed: A-Z a-z 0-9 _ . -; a name ends with '}}')", j);
            }

            if (j - start == MaxNameLength)
            {
                throw new TemplateSyntaxException($"Placeholder name is longer than {MaxNameLength} characters", j);
            }

            j++;
        }

        if (j == start)
        {
            throw new TemplateSyntaxException("Empty placeholder name '${}'", dollar);
        }

        name = source[start..j];
        return j + 1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>
    /// Renders the template with every placeholder = "x" and parses the result, so a template that compiles is
    /// guaranteed to render a well-formed JSON object for any (non-raw) values. Errors are mapped back to source positions.
    /// </summary>
    private static void ValidateJsonObject(string source, TemplateSegment[] segments)
    {
        var sample = new StringBuilder(source.Length);
        var sampleStarts = new int[segments.Length];
        for (int s = 0; s < segments.Length; s++)
        {
            sampleStarts[s] = sample.Length;
            var segment = segments[s];
            sample.Append(segment.Kind switch
            {
                SegmentKind.Literal => segment.Literal,
                SegmentKind.JsonValue => "\"x\"",
                _ => "x",
            });
        }

        string text = sample.ToString();
        for (int i = 0; i < source.Length; i++)
        {
            // A lone surrogate is not text: JSON has no UTF-8 form for it, so refuse it here with its position.
            if (char.IsHighSurrogate(source[i]) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(source[i]))
            {
                throw new TemplateSyntaxException("Template contains an unpaired surrogate character", i);
            }
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TemplateSyntaxException(
                    $"A JSON template must be a JSON object, not {document.RootElement.ValueKind}",
                    Math.Max(0, IndexOfFirstNonWhitespace(source)));
            }
        }
        catch (JsonException ex)
        {
            int sampleIndex = ToCharIndex(text, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            int position = ToSourcePosition(source, segments, sampleStarts, sampleIndex, text.Length);
            string reason = ex.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                reason = reason[..cut]; // those numbers refer to the sample rendering, not the source
            }

            throw new TemplateSyntaxException($"Template is not valid JSON: {reason.Trim()}", position, ex);
        }
    }

    /// <summary>Converts System.Text.Json's (line, UTF-8 byte in line) to a UTF-16 index.</summary>
    private static int ToCharIndex(string text, long line, long bytePositionInLine)
    {
        int index = 0;
        for (long l = 0; l < line; l++)
        {
            int newline = text.IndexOf('\n', index);
            if (newline < 0)
            {
                return text.Length;
            }

            index = newline + 1;
        }

        long bytes = 0;
        while (index < text.Length && bytes < bytePositionInLine)
        {
            char c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                bytes += 4;
                index += 2;
            }
            else
            {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                index++;
            }
        }

        return index;
    }

    private static int ToSourcePosition(string source, TemplateSegment[] segments, int[] sampleStarts, int sampleIndex, int sampleLength)
    {
        if (sampleIndex >= sampleLength)
        {
            return source.Length;
        }

        int s = Array.BinarySearch(sampleStarts, sampleIndex);
        if (s < 0)
        {
            s = ~s - 1;
        }

        // Empty segments cannot exist, so sampleStarts is strictly increasing and s is the containing segment.
        var segment = segments[s];
        return segment.Kind == SegmentKind.Literal
            ? segment.SourcePosition + (sampleIndex - sampleStarts[s])
            : segment.SourcePosition;
    }

    private static int IndexOfFirstNonWhitespace(string source)
    {
        for (int i = 0; i < source.Length; i++)
        {
            if (!char.IsWhiteSpace(source[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
