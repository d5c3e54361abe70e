using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class TemplateAllocationTests
{
    [Fact]
    public void Json_render_allocates_only_the_result_string()
    {
        var template = CompiledTemplate.Compile(
            "{\"OTP\":${otp},\"user\":{\"name\":${user.username}},\"msg\":\"Hi ${user.name.given}, code ${otp}\"}");
        var values = new Dictionary<string, string>
        {
            ["otp"] = "012345",
            ["user.username"] = "a\"b\nc é 😀 \u2028",
            ["user.name.given"] = "Zoë",
        };

        AssertSingleStringAllocation(() => template.Render(values));
    }

    [Fact]
    public void Text_render_allocates_only_the_result_string()
    {
        var template = CompiledTemplate.Compile("Your code is ${otp}. Hi ${user.name.given}!");
        var values = new Dictionary<string, string> { ["otp"] = "012345", ["user.name.given"] = "Zoë" };

        AssertSingleStringAllocation(() => template.Render(values));
    }

    [Fact]
    public void Render_with_many_variables_allocates_only_the_result_string_once_warm()
    {
        var names = Enumerable.Range(0, 40).Select(i => "v" + i).ToArray();
        var template = CompiledTemplate.Compile("{" + string.Join(",", names.Select(n => $"\"{n}\":${{{n}}}")) + "}");
        var values = names.ToDictionary(n => n, n => n + "\"");

        AssertSingleStringAllocation(() => template.Render(values));
    }

    private static void AssertSingleStringAllocation(Func<string> render)
    {
        string result = string.Empty;
        for (int i = 0; i < 100; i++)
        {
            result = render();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        result = render();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(
            allocated <= (result.Length * 2) + 64,
            $"Render allocated {allocated} bytes for a {result.Length}-char result.");
        Assert.True(allocated >= result.Length * 2, $"Expected the result string to be counted, got {allocated} bytes.");
    }
}
