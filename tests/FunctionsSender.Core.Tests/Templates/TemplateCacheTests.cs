using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class TemplateCacheTests
{
    [Fact]
    public void Returns_the_same_instance_for_the_same_source()
    {
        var cache = new TemplateCache();
        var first = cache.GetOrCompile("{\"OTP\":${otp}}");
        var second = cache.GetOrCompile(new string("{\"OTP\":${otp}}".AsSpan()));

        Assert.Same(first, second);
        Assert.NotSame(first, cache.GetOrCompile("{\"otp\":${otp}}"));
    }

    [Fact]
    public void Returns_one_instance_to_concurrent_callers()
    {
        var cache = new TemplateCache();
        var results = new CompiledTemplate[64];

        Parallel.For(0, results.Length, i => results[i] = cache.GetOrCompile("Code ${otp}"));

        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void Stays_within_its_capacity()
    {
        var cache = new TemplateCache(capacity: 3);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal($"Code {i}: 1", cache.GetOrCompile($"Code {i}: ${{otp}}").Render(new Dictionary<string, string> { ["otp"] = "1" }));
            Assert.InRange(cache.Count, 1, 3);
        }
    }

    [Fact]
    public void Does_not_cache_invalid_templates()
    {
        var cache = new TemplateCache();
        Assert.Throws<TemplateSyntaxException>(() => cache.GetOrCompile("{${k}:1}"));
        Assert.Equal(0, cache.Count);
    }
}
