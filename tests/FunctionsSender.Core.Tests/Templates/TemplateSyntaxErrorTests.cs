using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class TemplateSyntaxErrorTests
{
    [Theory]
    [InlineData("Code ${otp", 5)]
    [InlineData("Code ${", 5)]
    [InlineData("{\"a\":\"${otp", 6)]
    [InlineData("${a}${", 4)]
    public void Rejects_unterminated_placeholder_at_its_dollar(string source, int position)
    {
        var ex = AssertSyntaxError(source, position);
        Assert.Contains("Unterminated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Code ${}", 5)]
    [InlineData("{\"a\":${}}", 5)]
    public void Rejects_empty_placeholder_name_at_its_dollar(string source, int position)
    {
        var ex = AssertSyntaxError(source, position);
        Assert.Contains("Empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hi ${user name}", 9)]
    [InlineData("Hi ${otp is here", 8)]
    [InlineData("${a/b}", 3)]
    [InlineData("${é}", 2)]
    [InlineData("{\"a\":${x${y}}}", 8)]
    public void Rejects_invalid_name_character_at_that_character(string source, int position)
    {
        var ex = AssertSyntaxError(source, position);
        Assert.Contains("Invalid character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_name_longer_than_64_characters()
    {
        AssertSyntaxError("${" + new string('a', 65) + "}", 66);
        Assert.Single(CompiledTemplate.Compile("${" + new string('a', 64) + "}").VariableNames);
    }

    [Theory]
    [InlineData("{${k}:1}", 1)]
    [InlineData("{\"a\":1, ${k}:2}", 8)]
    [InlineData("{\"a\":{ ${k}:2}}", 7)]
    public void Rejects_placeholder_in_key_position(string source, int position)
    {
        var ex = AssertSyntaxError(source, position);
        Assert.Contains("key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1 ${b}}", 7)]
    [InlineData("{\"a\":\"x\"${b}}", 8)]
    [InlineData("{} ${a}", 3)]
    [InlineData("{\"a\" ${b}}", 5)] // missing colon
    public void Rejects_placeholder_where_no_value_can_stand(string source, int position)
    {
        AssertSyntaxError(source, position);
    }

    [Theory]
    [InlineData("[${a}]")]
    [InlineData("${a}")]
    [InlineData("\"${a}\"")]
    [InlineData("  42")]
    public void Rejects_json_template_that_is_not_an_object(string source)
    {
        var ex = Assert.Throws<TemplateSyntaxException>(() => CompiledTemplate.Compile(source, TemplateKind.Json));
        Assert.Equal(source.Length - source.TrimStart().Length, ex.Position);
        Assert.Contains("must be a JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":${b}", 9)] // missing closing brace: reported at end of source
    [InlineData("{\"a\":\"${b}", 10)] // unterminated string
    [InlineData("{\"a\":${b},}", 10)] // trailing comma
    [InlineData("{\"a\":tru}", 8)] // the reader stops at the character that breaks the literal
    [InlineData("{\"a\":1} x", 8)] // trailing content
    [InlineData("{\"é\":${b}, \"c\":}", 15)] // non-ASCII before the error: UTF-8 byte offsets mapped back to chars
    [InlineData("{\"a\":${b},\n \"c\":}", 16)] // error on a later line
    [InlineData("{\"a\":\"x\ny\"}", 7)] // raw newline in string literal
    public void Rejects_broken_json_with_source_position(string source, int position)
    {
        var ex = AssertSyntaxError(source, position);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_exception_is_a_format_exception()
    {
        Assert.IsAssignableFrom<FormatException>(AssertSyntaxError("${", 0));
    }

    private static TemplateSyntaxException AssertSyntaxError(string source, int position)
    {
        var ex = Assert.Throws<TemplateSyntaxException>(() => CompiledTemplate.Compile(source));
        Assert.Equal(position, ex.Position);
        Assert.Contains($"position {position}", ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
