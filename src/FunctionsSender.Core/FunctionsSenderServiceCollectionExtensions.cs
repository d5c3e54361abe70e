using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSender.Core;

/// <summary>The one registration both hosts (Azure Functions and LocalHost) call, so they cannot drift.</summary>
public static class FunctionsSenderServiceCollectionExtensions
{
    public static IServiceCollection AddFunctionsSender(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
