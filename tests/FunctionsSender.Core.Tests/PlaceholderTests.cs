namespace FunctionsSender.Core.Tests; public class PlaceholderTests { [Fact] public void Ok() => Assert.True(true); }
