using Azure;
using FunctionsSender.Core.Senders;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Senders;

/// <summary>Sender configuration (CONTRACT §3.3). Admin level: these hold provider credentials.</summary>
public sealed class SenderFunctions(SenderAdministration senders, SenderTestDelivery testDelivery, ILogger<SenderFunctions> logger)
{
    [Function("PutSender")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "v1/senders/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            var ifMatch = req.Headers.IfMatch.ToString() is { Length: > 0 } header ? new ETag(header) : (ETag?)null;
            switch (await senders.PutAsync(senderId, body, ifMatch, cancellationToken))
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

    [Function("ListSenders")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "v1/senders")] HttpRequest req,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            if (!Paging.TryRead(req, out var pageSize, out var continuationToken, out var refusal))
            {
                return refusal!;
            }

            try
            {
                var (page, next) = await senders.ListAsync(pageSize, continuationToken, cancellationToken);
                return new OkObjectResult(new { senders = page, continuationToken = Paging.Encode(next) });
            }
            catch (RequestFailedException e) when (e.Status == 400)
            {
                return ProblemResults.Validation("continuationToken", "Is not a token this API gave out.");
            }
        });

    [Function("DeleteSender")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "v1/senders/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            var ifMatch = req.Headers.IfMatch.ToString() is { Length: > 0 } header ? new ETag(header) : (ETag?)null;
            return await senders.DeleteAsync(senderId, ifMatch, cancellationToken) switch
            {
                DeleteOutcome.Deleted => new NoContentResult(),
                DeleteOutcome.NotFound => ProblemResults.NotFound($"No sender '{senderId}'."),
                _ => ProblemResults.Status(StatusCodes.Status412PreconditionFailed, "Precondition failed.", "The sender changed since the ETag you sent; GET it again."),
            };
        });

    [Function("TestSender")]
    public Task<IActionResult> Test(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "v1/senders/{senderId}/test")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            switch (await testDelivery.SendAsync(senderId, body, cancellationToken))
            {
                case SenderTestResult.Answered { Response.IsSuccess: true } ok:
                    return new OkObjectResult(new { delivered = true, providerStatus = ok.Response.Status, executionSid = ok.Response.ExecutionSid });
                case SenderTestResult.Answered refused:
                    return ProblemResults.ProviderRefused(refused.Response);
                case SenderTestResult.Invalid invalid:
                    return ProblemResults.Validation(invalid.Errors);
                case SenderTestResult.NotFound:
                    return ProblemResults.NotFound($"No sender '{senderId}'.");
                default:
                    return ProblemResults.Status(StatusCodes.Status502BadGateway, "The provider could not be reached.", "No answer from the sender's URL.");
            }
        });
}
