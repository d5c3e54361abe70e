using FunctionsSender.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.Functions.Health;

/// <summary><c>GET /api/health</c>: anonymous, and reports only reachability.</summary>
public sealed class HealthFunction(StorageHealthCheck storage)
{
    [Function("Health")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var health = await storage.CheckAsync(cancellationToken);
        return new ObjectResult(new { status = health.Healthy ? "healthy" : "unhealthy", queues = health.Queues, tables = health.Tables })
        {
            StatusCode = health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
