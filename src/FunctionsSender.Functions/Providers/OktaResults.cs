using FunctionsSender.Core.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSender.Functions.Providers;

/// <summary>Okta's telephony inline hook response shapes: the <c>commands</c> contract and the <c>error</c> object.</summary>
public static class OktaResults
{
    public const string Provider = "FunctionsSender";
    public const string ActionType = "com.okta.telephony.action";

    /// <summary>
    /// <c>SUCCESSFUL</c>: we have accepted the OTP for delivery (queued), so Okta must not send it again through its own
    /// provider. The delivery outcome is at <c>GET /api/v1/notifications/{transactionId}</c>.
    /// </summary>
    public const string AcceptedStatus = "SUCCESSFUL";

    public static OkObjectResult Accepted(NotificationRecord record) => new(new
    {
        commands = new[]
        {
            new
            {
                type = ActionType,
                value = new[]
                {
                    new { status = AcceptedStatus, provider = Provider, transactionId = record.Id, transactionMetadata = $"queued; expires {record.ExpiresAt:o}" },
                },
            },
        },
    });

    /// <summary>Re-shapes a problem answer (RFC 9457) as Okta's error object, keeping its status; other answers pass through.</summary>
    public static IActionResult FromProblem(IActionResult answer)
    {
        if (answer is not ObjectResult { Value: ProblemDetails problem } result)
        {
            return answer;
        }

        var causes = problem is ValidationProblemDetails validation
            ? validation.Errors.SelectMany(e => e.Value.Select(message => Cause(e.Key, message, problem.Title))).ToArray()
            : [Cause("$", problem.Detail ?? problem.Title ?? "Refused.", problem.Title)];
        return new ObjectResult(new
        {
            error = new
            {
                errorSummary = problem is ValidationProblemDetails
                    ? $"FunctionsSender refused the request: {string.Join(", ", causes.Select(c => c.location))}."
                    : $"FunctionsSender refused the request: {problem.Title}",
                errorCauses = causes,
            },
        })
        {
            StatusCode = result.StatusCode ?? problem.Status,
            ContentTypes = { "application/json" },
        };
    }

    private static ErrorCause Cause(string location, string message, string? title) => new(
        errorSummary: $"{location}: {message}",
        reason: title ?? "Refused.",
        locationType: location switch
        {
            "template" => "query",
            "senderId" => "path",
            IdempotencyKeys.HeaderName => "header",
            _ => "body",
        },
        location: location,
        domain: Provider);

#pragma warning disable IDE1006, SA1300 // Okta's camelCase names, serialised as they are.
    private sealed record ErrorCause(string errorSummary, string reason, string locationType, string location, string domain);
#pragma warning restore IDE1006, SA1300
}
