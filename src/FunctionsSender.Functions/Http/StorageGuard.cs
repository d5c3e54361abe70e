using System.Text.Json;
using FunctionsSender.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Http;

/// <summary>Turns an unreachable storage service into 503 + Retry-After instead of a 500 (CONTRACT §3).</summary>
public static class StorageGuard
{
    /// <summary>The same, for a route whose body is JSON: reads it within the limits, or answers the refusal.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The handler goes last so call sites read as a block.")]
    public static Task<IActionResult> RunWithJsonBodyAsync(
        HttpRequest request, ILogger logger, CancellationToken cancellationToken, Func<JsonElement, Task<IActionResult>> action) =>
        RunAsync(request, logger, async () =>
        {
            var (document, refusal) = await JsonRequestBody.ReadAsync(request, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            using (document)
            {
                return await action(document!.RootElement);
            }
        });

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
