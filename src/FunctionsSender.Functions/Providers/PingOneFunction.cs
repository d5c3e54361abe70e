using System.Text;
using FunctionsSender.Core.Providers;
using FunctionsSender.Core.Providers.PingOne;
using FunctionsSender.Core.Validation;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Providers;

/// <summary>
/// PingOne custom provider intake (CONTRACT §3.6): a form or JSON body with the keys PingOne's administrator
/// configured; <c>202</c> like the native route, problem+json naming PingOne's keys on refusal.
/// </summary>
public sealed class PingOneFunction(PingOneTranslator translator, ProviderIntake intake, ILogger<PingOneFunction> logger)
{
    [Function("PingOneNotification")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/providers/pingone/{senderId}")] HttpRequest req,
        string senderId,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            var isForm = req.HasFormContentType;
            if (!isForm && !JsonRequestBody.IsJson(req.ContentType))
            {
                return ProblemResults.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                    "Send the body as application/x-www-form-urlencoded or application/json.");
            }

            var (bytes, refusal) = await JsonRequestBody.ReadLimitedAsync(req, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var errors = new ValidationErrors();
            List<KeyValuePair<string, string>> pairs;
            if (isForm)
            {
                pairs = [.. QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes.Span))
                    .SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string>(field.Key, value ?? "")))];
            }
            else
            {
                // A raw body with a bare ${otp} ("otp":012345) is repaired like a message before it is refused.
                var (document, invalid) = JsonRequestBody.Parse(bytes);
                if (invalid is not null)
                {
                    var repaired = LeadingZeroJsonRepair.Repair(Encoding.UTF8.GetString(bytes.Span));
                    (document, var stillInvalid) = JsonRequestBody.Parse(Encoding.UTF8.GetBytes(repaired));
                    if (stillInvalid is not null)
                    {
                        return invalid;
                    }
                }

                using (document)
                {
                    pairs = PingOneTranslator.FlattenJson(document!.RootElement, errors);
                }
            }

            if (!errors.IsEmpty)
            {
                return ProblemResults.Validation(errors);
            }

            if (!IdempotencyHeader.TryRead(req, out var idempotencyKey, out var keyRefusal))
            {
                return keyRefusal!;
            }

            var translation = translator.Translate(senderId, pairs, req.Query["channel"].FirstOrDefault(), req.Query["template"].FirstOrDefault());
            return IntakeResults.ToHttp(await intake.AcceptAsync(translation, idempotencyKey, cancellationToken));
        });
}
