using FunctionsSender.Core.Notifications;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Notifications;

/// <summary>Native intake and status (CONTRACT §3.1–3.2).</summary>
public sealed class NotificationFunctions(
    NotificationRequestValidator validator,
    NotificationIntake intake,
    NotificationRepository notifications,
    ILogger<NotificationFunctions> logger)
{
    [Function("SubmitNotification")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/notifications")] HttpRequest req,
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
                if (!validator.TryValidate(document!.RootElement, out var request, out var errors))
                {
                    return ProblemResults.Validation(errors);
                }

                string? idempotencyKey = null;
                if (req.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var keyHeader))
                {
                    idempotencyKey = keyHeader.ToString();
                    if (keyHeader.Count != 1 || !IdempotencyKeys.IsValid(idempotencyKey))
                    {
                        return ProblemResults.Validation(IdempotencyKeys.HeaderName, "Must be 1 to 128 visible ASCII characters.");
                    }
                }

                return await intake.AcceptAsync(request!, idempotencyKey, cancellationToken) switch
                {
                    IntakeResult.Accepted accepted => Accepted(accepted.Record),
                    IntakeResult.Invalid invalid => ProblemResults.Validation(invalid.Errors),
                    IntakeResult.KeyConflict => ProblemResults.Status(
                        StatusCodes.Status422UnprocessableEntity, "Idempotency key reused.", "This Idempotency-Key was used for a different request within 24 hours."),
                    _ => ProblemResults.Status(StatusCodes.Status409Conflict, "Duplicate notification.", "A notification with this id already exists."),
                };
            }
        });

    [Function("GetNotification")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/notifications/{id}")] HttpRequest req,
        string id,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            if (!NotificationRequestValidator.NotificationIdPattern().IsMatch(id))
            {
                return ProblemResults.Validation("id", "Must match [A-Za-z0-9-]{1,64}.");
            }

            var record = await notifications.GetAsync(id, cancellationToken);
            return record is null
                ? ProblemResults.NotFound($"No notification '{id}'.")
                : new OkObjectResult(NotificationStatusView.From(record));
        });

    private static AcceptedResult Accepted(NotificationRecord record) =>
        new($"/api/v1/notifications/{record.Id}", new { id = record.Id, status = NotificationStatus.Queued, expiresAt = record.ExpiresAt });
}
