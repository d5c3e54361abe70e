using System.Text.Json;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class JsonStringEscaperTests
{
    [Theory]
    [InlineData("012345", "012345")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\n", "\\n")]
    [InlineData("\r", "\\r")]
    [InlineData("\t", "\\t")]
    [InlineData("\b", "\\b")]
    [InlineData("\f", "\\f")]
    [InlineData("\0", "\\u0000")]
    [InlineData("\u001f", "\\u001F")]
    [InlineData("\u2028", "\\u2028")]
    [InlineData("\u2029", "\\u2029")]
    [InlineData("é ü ß 日本", "é ü ß 日本")]
    [InlineData("\u007f", "\u007f")]
    [InlineData("/ < > & '", "/ < > & '")]
    [InlineData("${otp}", "${otp}")]
    [InlineData("", "")]
    public void Escapes_exactly_as_json_requires(string value, string expected)
    {
        Assert.Equal(expected, JsonStringEscaper.Escape(value));
        Assert.Equal(expected.Length, JsonStringEscaper.GetEscapedLength(value));
        Assert.Equal("\"" + expected + "\"", JsonStringEscaper.Quote(value));
    }

    [Fact]
    public void Escapes_every_control_character_and_round_trips_through_json_parser()
    {
        for (char c = '\0'; c < ' '; c++)
        {
            string value = "a" + c + "b";
            string quoted = JsonStringEscaper.Quote(value);
            string expectedEscape = c switch
            {
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:X4}",
            };

            Assert.Equal("\"a" + expectedEscape + "b\"", quoted);
            using var document = JsonDocument.Parse(quoted);
            Assert.Equal(value, document.RootElement.GetString());
        }
    }

    [Fact]
    public void Keeps_emoji_surrogate_pairs_unescaped()
    {
        const string Value = "code 😀 ok 👍🏽";
        Assert.Equal(Value, JsonStringEscaper.Escape(Value));
    }

    [Fact]
    public void Escapes_lone_surrogates_but_keeps_valid_pairs()
    {
        // Not a theory: xunit serializes theory data as UTF-8, which would turn lone surrogates into U+FFFD.
        (string Value, string Expected)[] cases =
        [
            ("a\uD800b", "a\\uD800b"),
            ("a\uDC00b", "a\\uDC00b"),
            ("\uD83D", "\\uD83D"),
            ("\uDE00\uD83D", "\\uDE00\\uD83D"),
            ("\uD83D\uD83D\uDE00", "\\uD83D\uD83D\uDE00"),
        ];

        foreach (var (value, expected) in cases)
        {
            Assert.Equal(expected, JsonStringEscaper.Escape(value));
            Assert.Equal(expected.Length, JsonStringEscaper.GetEscapedLength(value));
        }
    }

    [Fact]
    public void Writes_into_a_span_of_exactly_the_measured_length()
    {
        const string Value = "x\"y\u0001z\u2028é";
        var buffer = new char[JsonStringEscaper.GetQuotedLength(Value)];
        int written = JsonStringEscaper.WriteQuoted(Value, buffer);
        Assert.Equal(buffer.Length, written);
        Assert.Equal("\"x\\\"y\\u0001z\\u2028é\"", new string(buffer));
    }
}
