using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Templates;

public class LocaleTagTests
{
    [Theory]
    [InlineData("en_US", "en-US")]
    [InlineData("EN-us", "en-US")]
    [InlineData("fr", "fr")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("Default", "default")]
    public void Normalises_tags(string input, string expected)
    {
        Assert.True(LocaleTag.TryNormalize(input, out var tag));
        Assert.Equal(expected, tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("en US")]
    [InlineData("../x")]
    public void Refuses_what_is_not_a_tag(string input) => Assert.False(LocaleTag.TryNormalize(input, out _));

    [Fact]
    public void Falls_back_from_region_to_language_to_default()
    {
        Assert.Equal(["fr-CA", "fr", "default"], LocaleTag.FallbackChain("fr_ca"));
        Assert.Equal(["fr", "default"], LocaleTag.FallbackChain("fr"));
        Assert.Equal(["default"], LocaleTag.FallbackChain(null));
    }
}
