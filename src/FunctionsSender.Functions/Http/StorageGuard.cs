using FunctionsSender.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Http;

/// <summary>Turns an unreachable storage service into 503 + Retry-After instead of a 500 (CONTRACT §3).</summary>
public static class StorageGuard
{
    public static async Task<IActionResult> RunAsync(HttpRequest request, ILogger logger, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            logger.LogError(e, "Storage unavailable while serving {Method} {Path}", request.Method, request.Path);
            return ProblemResults.StorageUnavailable(request.HttpContext.Response);
        }
    }
}
