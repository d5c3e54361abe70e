using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;
using FunctionsSender.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Functions.Templates;

/// <summary>Notification templates (CONTRACT §3.5).</summary>
public sealed class TemplateFunctions(TemplateAdministration templates, ILogger<TemplateFunctions> logger)
{
    [Function("PutTemplate")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "v1/templates/{type}/{channel}/{locale}")] HttpRequest req,
        string type,
        string channel,
        string locale,
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
                return await templates.PutAsync(type, channel, locale, document!.RootElement, cancellationToken) switch
                {
                    TemplatePutResult.Saved { Created: true } saved =>
                        new CreatedResult($"/api/v1/templates/{saved.Template.Type}/{saved.Template.Channel.ToWire()}/{saved.Template.Locale}", View(saved.Template)),
                    TemplatePutResult.Saved saved => new OkObjectResult(View(saved.Template)),
                    TemplatePutResult.Invalid invalid => ProblemResults.Validation(invalid.Errors),
                    _ => throw new InvalidOperationException("Unknown result."),
                };
            }
        });

    private static object View(NotificationTemplate t) =>
        new { type = t.Type, channel = t.Channel.ToWire(), locale = t.Locale, message = t.Message };
}
