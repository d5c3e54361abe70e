using Azure;
using FunctionsSender.Core.Senders;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Senders;

/// <summary>Sender configuration (CONTRACT §3.3). Admin level: these hold provider credentials.</summary>
public sealed class SenderFunctions(SenderAdministration senders, ILogger<SenderFunctions> logger)
{
    [Function("PutSender")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "v1/senders/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            var (document, refusal) = await JsonRequestBody.ReadAsync(req, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            using (document)
            {
                var ifMatch = req.Headers.IfMatch.ToString() is { Length: > 0 } header ? new ETag(header) : (ETag?)null;
                switch (await senders.PutAsync(senderId, document!.RootElement, ifMatch, cancellationToken))
                {
                    case SenderPutResult.Saved saved:
                        req.HttpContext.Response.Headers.ETag = saved.ETag.ToString();
                        return saved.Created
                            ? new CreatedResult($"/api/v1/senders/{senderId}", saved.View)
                            : new OkObjectResult(saved.View);
                    case SenderPutResult.Invalid invalid:
                        return ProblemResults.Validation(invalid.Errors);
                    default:
                        return ProblemResults.Status(StatusCodes.Status412PreconditionFailed, "Precondition failed.", "The sender changed since the ETag you sent; GET it again.");
                }
            }
        });

    [Function("GetSender")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "v1/senders/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            if (await senders.GetAsync(senderId, cancellationToken) is not { } found)
            {
                return ProblemResults.NotFound($"No sender '{senderId}'.");
            }

            req.HttpContext.Response.Headers.ETag = found.ETag.ToString();
            return new OkObjectResult(found.View);
        });
}
