using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.Auth0;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Providers;

/// <summary>
/// Auth0 custom phone provider intake (CONTRACT §3.6): the Action forwards <c>event.notification</c>
/// (samples/auth0/action.js); <c>202</c> like the native route, problem+json naming Auth0's fields on refusal.
/// </summary>
public sealed class Auth0Function(Auth0Translator translator, ProviderIntake intake, ILogger<Auth0Function> logger)
{
    [Function("Auth0Notification")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/providers/auth0/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            if (!IdempotencyHeader.TryRead(req, out var idempotencyKey, out var keyRefusal))
            {
                return keyRefusal!;
            }

            var translation = await translator.TranslateAsync(senderId, body, cancellationToken);
            return IntakeResults.ToHttp(await intake.AcceptAsync(translation, idempotencyKey, cancellationToken));
        });
}
