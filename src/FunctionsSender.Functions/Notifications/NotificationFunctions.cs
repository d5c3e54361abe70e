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
        StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            if (!validator.TryValidate(body, out var request, out var errors))
            {
                return ProblemResults.Validation(errors);
            }

            if (!IdempotencyHeader.TryRead(req, out var idempotencyKey, out var keyRefusal))
            {
                return keyRefusal!;
            }

            return IntakeResults.ToHttp(await intake.AcceptAsync(request!, idempotencyKey, cancellationToken));
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
}
