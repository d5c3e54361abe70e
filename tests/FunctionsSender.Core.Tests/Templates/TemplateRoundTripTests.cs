using System.Text;
using System.Text.Json;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class TemplateRoundTripTests
{
    private static readonly string[] Alphabet =
    [
        "a", "Z", "0", "9", " ", "$", "{", "}", "${", "${otp}", "\"", "\\", "/", "'", "<", ">", "&",
        "\n", "\r", "\t", "\b", "\f", "\0", "\u0001", "\u001b", "\u001f", "\u007f", "\u0080",
        "é", "ß", "日", "\u2028", "\u2029", "\uFEFF", "\uFFFF", "😀", "👍🏽",
    ];

    [Fact]
    public void Every_json_render_parses_and_round_trips_random_values_exactly()
    {
        var template = CompiledTemplate.Compile("{\"v\":${v},\"s\":\"<${v}|${w}>\",\"a\":[${w},{\"n\":${v}}]}");
        var random = new Random(20240611);

        for (int iteration = 0; iteration < 500; iteration++)
        {
            string v = RandomString(random);
            string w = RandomString(random);

            string rendered = template.Render(new Dictionary<string, string> { ["v"] = v, ["w"] = w });

            using var document = JsonDocument.Parse(rendered);
            var root = document.RootElement;
            Assert.Equal(v, root.GetProperty("v").GetString());
            Assert.Equal("<" + v + "|" + w + ">", root.GetProperty("s").GetString());
            Assert.Equal(w, root.GetProperty("a")[0].GetString());
            Assert.Equal(v, root.GetProperty("a")[1].GetProperty("n").GetString());
        }
    }

    [Fact]
    public void Json_render_contains_no_raw_control_or_line_separator_characters()
    {
        var template = CompiledTemplate.Compile("{\"v\":${v},\"s\":\"${v}\"}");
        var all = new StringBuilder();
        for (char c = '\0'; c < ' '; c++)
        {
            all.Append(c);
        }

        all.Append('\u2028').Append('\u2029');
        string rendered = template.Render(new Dictionary<string, string> { ["v"] = all.ToString() });

        Assert.DoesNotContain(rendered, c => c < ' ' || c == '\u2028' || c == '\u2029');
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal(all.ToString(), document.RootElement.GetProperty("s").GetString());
    }

    [Fact]
    public void Lone_surrogate_is_escaped_so_output_stays_valid_utf16()
    {
        var template = CompiledTemplate.Compile("{\"v\":${v},\"s\":\"x${v}\"}");
        string rendered = template.Render(new Dictionary<string, string> { ["v"] = "a\uD800😀\uDC00" });
        Assert.Equal("{\"v\":\"a\\uD800😀\\uDC00\",\"s\":\"xa\\uD800😀\\uDC00\"}", rendered);
    }

    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        int parts = random.Next(0, 12);
        for (int i = 0; i < parts; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }
}
