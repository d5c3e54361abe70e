using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class MissingTemplateVariableTests
{
    [Theory]
    [InlineData("{\"OTP\":${otp},\"u\":${user.username}}")]
    [InlineData("{\"m\":\"${otp} ${user.username}\"}")]
    [InlineData("Code ${otp} for ${user.username}")]
    public void Names_the_missing_variable_without_revealing_any_value(string source)
    {
        var template = CompiledTemplate.Compile(source);
        var values = new Dictionary<string, string> { ["otp"] = "987654" };

        var ex = Assert.Throws<MissingTemplateVariableException>(() => template.Render(values));

        Assert.Equal("user.username", ex.VariableName);
        Assert.Contains("user.username", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("987654", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Treats_null_value_as_missing()
    {
        var template = CompiledTemplate.Compile("{\"OTP\":${otp}}");
        var values = new Dictionary<string, string> { ["otp"] = null! };

        var ex = Assert.Throws<MissingTemplateVariableException>(() => template.Render(values));
        Assert.Equal("otp", ex.VariableName);
    }

    [Fact]
    public void Reports_missing_variable_when_many_variables_use_pooled_storage()
    {
        var names = Enumerable.Range(0, 40).Select(i => "v" + i).ToArray();
        var template = CompiledTemplate.Compile(string.Concat(names.Select(n => $"${{{n}}} ")));
        var values = names.Take(39).ToDictionary(n => n, n => "secret-" + n);

        var ex = Assert.Throws<MissingTemplateVariableException>(() => template.Render(values));

        Assert.Equal("v39", ex.VariableName);
        Assert.DoesNotContain("secret", ex.ToString(), StringComparison.Ordinal);
    }
}
