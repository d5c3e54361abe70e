using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.Okta;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Providers;

/// <summary>
/// Okta telephony inline hook (CONTRACT §3.6). Accepting only enqueues, so the answer comes well inside Okta's 3 s:
/// <c>200</c> with the <c>commands</c> contract, or — for any refusal — Okta's <c>error</c> object with the same
/// non-200 status the native route would use (400, 413, 415, 422, 503), on which Okta falls back to its own provider.
/// </summary>
public sealed class OktaFunction(OktaTranslator translator, ProviderIntake intake, ILogger<OktaFunction> logger)
{
    [Function("OktaTelephonyHook")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/providers/okta/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken)
    {
        var answer = await StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            if (!IdempotencyHeader.TryRead(req, out var idempotencyKey, out var keyRefusal))
            {
                return keyRefusal!;
            }

            var translation = await translator.TranslateAsync(senderId, body, req.Query["template"].FirstOrDefault(), cancellationToken);
            var result = await intake.AcceptAsync(translation, idempotencyKey, cancellationToken);
            return result is IntakeResult.Accepted accepted ? OktaResults.Accepted(accepted.Record) : IntakeResults.ToHttp(result);
        });

        return OktaResults.FromProblem(answer);
    }
}
