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
        StorageGuard.RunWithJsonBodyAsync(req, logger, cancellationToken, async body =>
        {
            return await templates.PutAsync(type, channel, locale, body, cancellationToken) switch
            {
                TemplatePutResult.Saved { Created: true } saved =>
                    new CreatedResult($"/api/v1/templates/{saved.Template.Type}/{saved.Template.Channel.ToWire()}/{saved.Template.Locale}", View(saved.Template)),
                TemplatePutResult.Saved saved => new OkObjectResult(View(saved.Template)),
                TemplatePutResult.Invalid invalid => ProblemResults.Validation(invalid.Errors),
                _ => throw new InvalidOperationException("Unknown result."),
            };
        });

    [Function("GetTemplate")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "v1/templates/{type}/{channel}/{locale}")] HttpRequest req,
        string type,
        string channel,
        string locale,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () => await templates.GetAsync(type, channel, locale, cancellationToken) switch
        {
            TemplateLookup.Found found => new OkObjectResult(View(found.Template)),
            TemplateLookup.Invalid invalid => ProblemResults.Validation(invalid.Errors),
            _ => ProblemResults.NotFound($"No template {type}/{channel}/{locale}."),
        });

    [Function("DeleteTemplate")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "v1/templates/{type}/{channel}/{locale}")] HttpRequest req,
        string type,
        string channel,
        string locale,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () => await templates.DeleteAsync(type, channel, locale, cancellationToken) switch
        {
            TemplateLookup.Found => new NoContentResult(),
            TemplateLookup.Invalid invalid => ProblemResults.Validation(invalid.Errors),
            _ => ProblemResults.NotFound($"No template {type}/{channel}/{locale}."),
        });

    [Function("ListTemplates")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "v1/templates")] HttpRequest req,
        CancellationToken cancellationToken) =>
        StorageGuard.RunAsync(req, logger, async () =>
        {
            var type = req.Query["type"].ToString() is { Length: > 0 } t ? t : null;
            var (list, errors) = await templates.ListAsync(type, cancellationToken);
            return errors is not null
                ? ProblemResults.Validation(errors)
                : new OkObjectResult(new { templates = list!.Select(View) });
        });

    private static object View(NotificationTemplate t) =>
        new { type = t.Type, channel = t.Channel.ToWire(), locale = t.Locale, message = t.Message };
}
