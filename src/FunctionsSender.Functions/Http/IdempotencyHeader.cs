using FunctionsSender.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSender.Functions.Http;

/// <summary>The optional <c>Idempotency-Key</c> header (CONTRACT §3.1), read the same way by every intake route.</summary>
public static class IdempotencyHeader
{
    /// <returns>False with a 400 problem when the header is repeated or not 1–128 visible ASCII characters.</returns>
    public static bool TryRead(HttpRequest request, out string? key, out ObjectResult? refusal)
    {
        key = null;
        refusal = null;
        if (!request.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var header))
        {
            return true;
        }

        key = header.ToString();
        if (header.Count != 1 || !IdempotencyKeys.IsValid(key))
        {
            key = null;
            refusal = ProblemResults.Validation(IdempotencyKeys.HeaderName, "Must be 1 to 128 visible ASCII characters.");
            return false;
        }

        return true;
    }
}
