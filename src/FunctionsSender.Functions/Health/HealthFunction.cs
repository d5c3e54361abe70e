using FunctionsSender.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.Functions.Health;

/// <summary><c>GET /api/health</c>: anonymous, and reports only reachability: 200 when the notification queue and the tables answer, 503 + Retry-After when not.</summary>
public sealed class HealthFunction(StorageHealthCheck storage)
{
    [Function("Health")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var health = await storage.CheckAsync(cancellationToken);
        if (!health.Healthy)
        {
            // 503, never 500: an unreachable queue or table service (or no token for it) is "try again later".
            req.HttpContext.Response.Headers.RetryAfter = "5";
        }

        return new ObjectResult(new { status = health.Healthy ? "healthy" : "unhealthy", queues = health.Queues, tables = health.Tables })
        {
            StatusCode = health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
