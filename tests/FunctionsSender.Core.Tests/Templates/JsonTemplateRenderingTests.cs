using System.Text.Json;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class JsonTemplateRenderingTests
{
    [Fact]
    public void Renders_leading_zero_otp_as_json_string()
    {
        var template = CompiledTemplate.Compile("{\"OTP\":${otp}}");
        string rendered = template.Render(new Dictionary<string, string> { ["otp"] = "000123" });
        Assert.Equal("{\"OTP\":\"000123\"}", rendered);
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal("000123", document.RootElement.GetProperty("OTP").GetString());
    }

    [Fact]
    public void Renders_the_documented_example_without_re_expanding_values()
    {
        var template = CompiledTemplate.Compile("{\"OTP\":${otp}, \"username\":${user.username}}");
        string rendered = template.Render(new Dictionary<string, string>
        {
            ["otp"] = "012345",
            ["user.username"] = "a\"b\nc é ${otp}",
        });

        Assert.Equal("{\"OTP\":\"012345\", \"username\":\"a\\\"b\\nc é ${otp}\"}", rendered);
    }

    [Fact]
    public void Is_a_json_template_when_first_non_whitespace_is_a_brace()
    {
        var template = CompiledTemplate.Compile(" \r\n\t {\"OTP\":${otp}}");
        Assert.Equal(TemplateKind.Json, template.Kind);
        Assert.Equal(" \r\n\t {\"OTP\":\"a\\\"\"}", template.Render(new Dictionary<string, string> { ["otp"] = "a\"" }));
    }

    [Fact]
    public void Escapes_placeholder_inside_string_literal_without_adding_quotes()
    {
        var template = CompiledTemplate.Compile("{\"msg\":\"Your code is ${otp}, ${user.name.given}!\"}");
        string rendered = template.Render(new Dictionary<string, string>
        {
            ["otp"] = "012345",
            ["user.name.given"] = "Zoë \"Z\"\t\\",
        });

        Assert.Equal("{\"msg\":\"Your code is 012345, Zoë \\\"Z\\\"\\t\\\\!\"}", rendered);
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal("Your code is 012345, Zoë \"Z\"\t\\!", document.RootElement.GetProperty("msg").GetString());
    }

    [Fact]
    public void Escapes_placeholder_inside_a_key_string_literal()
    {
        var template = CompiledTemplate.Compile("{\"${k}\":1}");
        Assert.Equal("{\"a\\\"b\":1}", template.Render(new Dictionary<string, string> { ["k"] = "a\"b" }));
    }

    [Fact]
    public void Treats_placeholder_after_escaped_backslash_as_placeholder()
    {
        var template = CompiledTemplate.Compile("{\"path\":\"C:\\\\${dir}\"}");
        string rendered = template.Render(new Dictionary<string, string> { ["dir"] = "tmp" });
        Assert.Equal("{\"path\":\"C:\\\\tmp\"}", rendered);
    }

    [Fact]
    public void Renders_placeholders_in_nested_objects_and_arrays()
    {
        var template = CompiledTemplate.Compile(
            "{\"a\":{\"b\":[${x}, ${y}, {\"c\":${x}}], \"n\":[[${y}]]}, \"d\":\"pre ${y} post\", \"e\":[1,true,null]}");
        string rendered = template.Render(new Dictionary<string, string> { ["x"] = "1\n", ["y"] = "\"q\"" });

        Assert.Equal(
            "{\"a\":{\"b\":[\"1\\n\", \"\\\"q\\\"\", {\"c\":\"1\\n\"}], \"n\":[[\"\\\"q\\\"\"]]}, \"d\":\"pre \\\"q\\\" post\", \"e\":[1,true,null]}",
            rendered);
        using var document = JsonDocument.Parse(rendered);
        var b = document.RootElement.GetProperty("a").GetProperty("b");
        Assert.Equal("1\n", b[0].GetString());
        Assert.Equal("\"q\"", b[1].GetString());
        Assert.Equal("1\n", b[2].GetProperty("c").GetString());
    }

    [Fact]
    public void Inserts_raw_json_value_verbatim_in_value_position()
    {
        var template = CompiledTemplate.Compile("{\"to\":\"${to}\",\"msg\":${message}}");
        var values = new Dictionary<string, string>
        {
            ["to"] = "+15551234567",
            ["message"] = "{\"text\":\"code \\\"012345\\\"\",\"n\":[1,2]}",
        };

        string rendered = template.Render(new DictionaryTemplateValues(values, new HashSet<string> { "message" }));

        Assert.Equal("{\"to\":\"+15551234567\",\"msg\":{\"text\":\"code \\\"012345\\\"\",\"n\":[1,2]}}", rendered);
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal("code \"012345\"", document.RootElement.GetProperty("msg").GetProperty("text").GetString());
    }

    [Fact]
    public void Escapes_raw_json_value_inside_string_literal()
    {
        var template = CompiledTemplate.Compile("{\"body\":\"${message}\"}");
        var values = new Dictionary<string, string> { ["message"] = "{\"a\":\"b\"}" };

        string rendered = template.Render(new DictionaryTemplateValues(values, new HashSet<string> { "message" }));

        Assert.Equal("{\"body\":\"{\\\"a\\\":\\\"b\\\"}\"}", rendered);
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal("{\"a\":\"b\"}", document.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public void Renders_non_raw_json_looking_value_as_a_string()
    {
        var template = CompiledTemplate.Compile("{\"msg\":${message}}");
        string rendered = template.Render(new Dictionary<string, string> { ["message"] = "{\"a\":1}" });
        Assert.Equal("{\"msg\":\"{\\\"a\\\":1}\"}", rendered);
    }

    [Fact]
    public void Renders_same_variable_in_both_positions()
    {
        var template = CompiledTemplate.Compile("{\"v\":${v},\"s\":\"<${v}>\"}");
        Assert.Equal("{\"v\":\"\\u2028\",\"s\":\"<\\u2028>\"}", template.Render(new Dictionary<string, string> { ["v"] = "\u2028" }));
    }

    [Fact]
    public void Renders_json_template_without_placeholders_as_its_source()
    {
        var template = CompiledTemplate.Compile("{\"static\":true}");
        Assert.Same(template.Source, template.Render(new Dictionary<string, string>()));
        Assert.Empty(template.VariableNames);
    }

    [Fact]
    public void Renders_through_a_custom_struct_value_source()
    {
        var template = CompiledTemplate.Compile("{\"OTP\":${otp},\"raw\":${raw}}");
        Assert.Equal("{\"OTP\":\"otp-value\",\"raw\":[1]}", template.Render(new FixedValues()));
    }

    [Fact]
    public void Reports_variable_names_distinct_in_order_of_first_use()
    {
        var template = CompiledTemplate.Compile("{\"a\":${b},\"c\":\"${a}${b}\",\"d\":[${c},${a}]}");
        Assert.Equal(["b", "a", "c"], template.VariableNames);
    }

    [Fact]
    public void Accepts_all_pingone_and_builtin_variable_names()
    {
        var names = new[] { "otp", "user.username", "user.name.given", "user.name.family", "to", "from", "message", "channel", "locale", "a-b_C.9" };
        string source = "{" + string.Join(",", names.Select((n, i) => $"\"k{i}\":${{{n}}}")) + "}";
        var template = CompiledTemplate.Compile(source);
        Assert.Equal(names, template.VariableNames);

        string rendered = template.Render(names.ToDictionary(n => n, n => "v:" + n));
        using var document = JsonDocument.Parse(rendered);
        Assert.Equal("v:user.name.family", document.RootElement.GetProperty("k3").GetString());
    }

    private readonly struct FixedValues : ITemplateValues
    {
        public bool TryGetValue(string name, out string value, out bool isRawJson)
        {
            isRawJson = name == "raw";
            value = isRawJson ? "[1]" : name + "-value";
            return true;
        }
    }
}
