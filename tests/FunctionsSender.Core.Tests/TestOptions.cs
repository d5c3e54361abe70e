using System.Security.Cryptography;
using FunctionsSender.Core;
using Microsoft.Extensions.Options;

namespace FunctionsSender.Core.Tests;

internal static class TestOptions
{
    public static IOptions<FunctionsSenderOptions> Create(Action<FunctionsSenderOptions>? configure = null)
    {
        var options = new FunctionsSenderOptions { SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        configure?.Invoke(options);
        return Options.Create(options);
    }
}
