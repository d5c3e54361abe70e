using FunctionsSender.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSender.Functions.Http;

/// <summary>The HTTP answer to an intake result, shared by the native route and the PingOne and Auth0 routes.</summary>
public static class IntakeResults
{
    public static IActionResult ToHttp(IntakeResult result) => result switch
    {
        IntakeResult.Accepted accepted => Accepted(accepted.Record),
        IntakeResult.Invalid invalid => ProblemResults.Validation(invalid.Errors),
        IntakeResult.RateLimited limited => ProblemResults.TooManyRequests(
            limited.RetryAfter,
            limited.Limit == "destination"
                ? "Too many notifications to this number; try again later."
                : "Too many notifications from this sender to this country; try again later."),
        IntakeResult.KeyConflict => ProblemResults.Status(
            StatusCodes.Status422UnprocessableEntity, "Idempotency key reused.", "This Idempotency-Key was used for a different request within 24 hours."),
        _ => ProblemResults.Status(StatusCodes.Status409Conflict, "Duplicate notification.", "A notification with this id already exists."),
    };

    /// <summary><c>202</c> + <c>Location</c> + <c>{"id","status":"queued","expiresAt"}</c>.</summary>
    public static AcceptedResult Accepted(NotificationRecord record) =>
        new($"/api/v1/notifications/{record.Id}", new { id = record.Id, status = NotificationStatus.Queued, expiresAt = record.ExpiresAt });
}
