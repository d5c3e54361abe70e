using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class TextTemplateRenderingTests
{
    [Fact]
    public void Substitutes_values_without_escaping()
    {
        var template = CompiledTemplate.Compile("Hi ${user.name.given}, your code is ${otp}. \"Don't\" share it.\n");
        Assert.Equal(TemplateKind.Text, template.Kind);

        string rendered = template.Render(new Dictionary<string, string>
        {
            ["user.name.given"] = "Zoë \"Z\" \\ 😀",
            ["otp"] = "012345",
        });

        Assert.Equal("Hi Zoë \"Z\" \\ 😀, your code is 012345. \"Don't\" share it.\n", rendered);
    }

    [Fact]
    public void Does_not_re_expand_placeholders_inside_values()
    {
        var template = CompiledTemplate.Compile("${a}|${b}");
        Assert.Equal("${b}|x", template.Render(new Dictionary<string, string> { ["a"] = "${b}", ["b"] = "x" }));
    }

    [Fact]
    public void Keeps_dollar_signs_that_do_not_open_a_placeholder()
    {
        var template = CompiledTemplate.Compile("Cost: $5 $${otp}$ {x} $");
        Assert.Equal("Cost: $5 $1$ {x} $", template.Render(new Dictionary<string, string> { ["otp"] = "1" }));
    }

    [Fact]
    public void Treats_a_leading_bracket_as_text()
    {
        var template = CompiledTemplate.Compile("[Acme] code ${otp}");
        Assert.Equal(TemplateKind.Text, template.Kind);
        Assert.Equal("[Acme] code 012345", template.Render(new Dictionary<string, string> { ["otp"] = "012345" }));
    }

    [Fact]
    public void Can_force_text_kind_for_brace_leading_source()
    {
        var template = CompiledTemplate.Compile("{${otp}} is your code", TemplateKind.Text);
        Assert.Equal(TemplateKind.Text, template.Kind);
        Assert.Equal("{\"1\"} is your code", template.Render(new Dictionary<string, string> { ["otp"] = "\"1\"" }));
    }

    [Fact]
    public void Renders_adjacent_and_repeated_placeholders()
    {
        var template = CompiledTemplate.Compile("${a}${a}${b}");
        Assert.Equal("xxyy", template.Render(new Dictionary<string, string> { ["a"] = "x", ["b"] = "yy" }));
        Assert.Equal(["a", "b"], template.VariableNames);
    }

    [Fact]
    public void Renders_empty_values()
    {
        var template = CompiledTemplate.Compile("<${a}>");
        Assert.Equal("<>", template.Render(new Dictionary<string, string> { ["a"] = string.Empty }));
    }
}
