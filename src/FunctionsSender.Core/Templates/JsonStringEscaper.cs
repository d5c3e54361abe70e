using System.Buffers;

namespace FunctionsSender.Core.Templates;

/// <summary>
/// Escapes text for use inside a JSON string literal: <c>"</c> and <c>\</c>, control characters U+0000–U+001F,
/// U+2028/U+2029 (so the output is also safe inside JavaScript) and lone surrogates. Everything else —
/// including non-ASCII letters and emoji (valid surrogate pairs) — passes through unescaped.
/// </summary>
/// <remarks>Split into "measure" and "write" so callers can size the output exactly and write it once.</remarks>
public static class JsonStringEscaper
{
    // Printable ASCII that never needs escaping. ASCII-only SearchValues are vectorized, so the common case
    // (an OTP, a name) is found to need no escaping with a single scan.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(BuildPlainAscii());

    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Number of characters <paramref name="value"/> occupies once escaped (without surrounding quotes).</summary>
    public static int GetEscapedLength(ReadOnlySpan<char> value)
    {
        int length = value.Length;
        while (true)
        {
            int run = value.IndexOfAnyExcept(PlainAscii);
            if (run < 0)
            {
                return length;
            }

            char c = value[run];
            int consumed = 1;
            if (char.IsHighSurrogate(c) && run + 1 < value.Length && char.IsLowSurrogate(value[run + 1]))
            {
                consumed = 2; // a valid pair is kept as is
            }
            else
            {
                length = checked(length + EscapeLength(c) - 1);
            }

            value = value[(run + consumed)..];
        }
    }

    /// <summary>Number of characters <paramref name="value"/> occupies as a complete JSON string, quotes included.</summary>
    public static int GetQuotedLength(ReadOnlySpan<char> value) => checked(GetEscapedLength(value) + 2);

    /// <summary>
    /// Writes the escaped form of <paramref name="value"/> (without quotes) to <paramref name="destination"/>,
    /// which must hold at least <see cref="GetEscapedLength"/> characters. Returns the number of characters written.
    /// </summary>
    public static int Escape(ReadOnlySpan<char> value, Span<char> destination)
    {
        int written = 0;
        while (true)
        {
            int run = value.IndexOfAnyExcept(PlainAscii);
            if (run < 0)
            {
                value.CopyTo(destination[written..]);
                return written + value.Length;
            }

            value[..run].CopyTo(destination[written..]);
            written += run;

            char c = value[run];
            int consumed = 1;
            if (char.IsHighSurrogate(c) && run + 1 < value.Length && char.IsLowSurrogate(value[run + 1]))
            {
                destination[written++] = c;
                destination[written++] = value[run + 1];
                consumed = 2;
            }
            else
            {
                written += WriteEscaped(c, destination[written..]);
            }

            value = value[(run + consumed)..];
        }
    }

    /// <summary>Writes <paramref name="value"/> as a complete JSON string (with quotes). Returns characters written.</summary>
    public static int WriteQuoted(ReadOnlySpan<char> value, Span<char> destination)
    {
        destination[0] = '"';
        int written = 1 + Escape(value, destination[1..]);
        destination[written] = '"';
        return written + 1;
    }

    /// <summary>Convenience for non-hot paths: the escaped text without quotes.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = GetEscapedLength(value);
        return length == value.Length
            ? value
            : string.Create(length, value, static (span, v) => Escape(v, span));
    }

    /// <summary>Convenience for non-hot paths: the value as a complete JSON string, quotes included.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(GetQuotedLength(value), value, static (span, v) => WriteQuoted(v, span));
    }

    /// <summary>Characters needed for <paramref name="c"/>, which is known not to be plain ASCII and not part of a valid pair.</summary>
    private static int EscapeLength(char c) => c switch
    {
        '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 2,
        < ' ' or '\u2028' or '\u2029' => 6,
        _ when char.IsSurrogate(c) => 6, // lone surrogate: not representable in UTF-8, so emit \uXXXX
        _ => 1,
    };

    private static int WriteEscaped(char c, Span<char> destination)
    {
        char shortForm = c switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\f' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };

        if (shortForm != '\0')
        {
            destination[1] = shortForm;
            destination[0] = '\\';
            return 2;
        }

        if (c < ' ' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
        {
            destination[5] = HexDigits[c & 0xF];
            destination[4] = HexDigits[(c >> 4) & 0xF];
            destination[3] = HexDigits[(c >> 8) & 0xF];
            destination[2] = HexDigits[c >> 12];
            destination[1] = 'u';
            destination[0] = '\\';
            return 6;
        }

        destination[0] = c; // ordinary non-ASCII (é, ü, CJK …) is valid JSON as is
        return 1;
    }

    private static string BuildPlainAscii()
    {
        var chars = new char[0x80 - 0x20 - 2];
        int n = 0;
        for (char c = ' '; c < (char)0x80; c++)
        {
            if (c is not ('"' or '\\'))
            {
                chars[n++] = c;
            }
        }

        return new string(chars);
    }
}
