using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Templates;

/// <summary>The admin API's template operations (CONTRACT §3.5): a template that does not compile is refused with its position.</summary>
public sealed partial class TemplateAdministration(
    TemplateRepository repository,
    TemplateCatalog catalog,
    TemplateCache compiled,
    ILogger<TemplateAdministration> logger)
{
    public const int MaxTemplateLength = 16 * 1024;

    public async Task<TemplatePutResult> PutAsync(string type, string channelText, string localeText, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!TypePattern().IsMatch(type))
        {
            errors.Add("type", "Must match [a-z0-9_]{1,64}.");
        }

        if (!NotificationChannels.TryParse(channelText, out var channel))
        {
            errors.Add("channel", "Must be 'sms' or 'voice'.");
        }

        if (!LocaleTag.TryNormalize(localeText, out var locale))
        {
            errors.Add("locale", "Must be a BCP-47 language tag such as 'fr-CA', or 'default'.");
        }

        string? message = null;
        if (JsonObjectReader.TryCreate(body, "", errors, out var reader))
        {
            message = reader.ReadString("message", required: true, maxLength: MaxTemplateLength);
        }

        if (message is not null)
        {
            try
            {
                compiled.GetOrCompile(message);
            }
            catch (TemplateSyntaxException e)
            {
                errors.Add("message", $"{e.Message} (at position {e.Position}).");
            }
        }

        if (!errors.IsEmpty)
        {
            return new TemplatePutResult.Invalid(errors);
        }

        var template = new NotificationTemplate(type, channel, locale, message!);
        var created = await repository.SaveAsync(template, cancellationToken);
        catalog.Forget(type, channel);
        logger.LogInformation("Template {Type}/{Channel}/{Locale} {Action}", type, channel.ToWire(), locale, created ? "created" : "updated");
        return new TemplatePutResult.Saved(template, created);
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}

public abstract record TemplatePutResult
{
    public sealed record Saved(NotificationTemplate Template, bool Created) : TemplatePutResult;

    public sealed record Invalid(ValidationErrors Errors) : TemplatePutResult;
}
