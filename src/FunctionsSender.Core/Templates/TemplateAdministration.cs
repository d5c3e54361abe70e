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
        var errors = ValidateKey(type, channelText, localeText, out var channel, out var locale);

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

    public async Task<TemplateLookup> GetAsync(string type, string channelText, string localeText, CancellationToken cancellationToken)
    {
        var errors = ValidateKey(type, channelText, localeText, out var channel, out var locale);
        return !errors.IsEmpty
            ? new TemplateLookup.Invalid(errors)
            : await repository.GetAsync(type, channel, locale, cancellationToken) is { } template
                ? new TemplateLookup.Found(template)
                : new TemplateLookup.NotFound();
    }

    public async Task<TemplateLookup> DeleteAsync(string type, string channelText, string localeText, CancellationToken cancellationToken)
    {
        var errors = ValidateKey(type, channelText, localeText, out var channel, out var locale);
        if (!errors.IsEmpty)
        {
            return new TemplateLookup.Invalid(errors);
        }

        var deleted = await repository.DeleteAsync(type, channel, locale, cancellationToken);
        catalog.Forget(type, channel);
        if (deleted)
        {
            logger.LogInformation("Template {Type}/{Channel}/{Locale} deleted", type, channel.ToWire(), locale);
        }

        return deleted ? new TemplateLookup.Found(new NotificationTemplate(type, channel, locale, "")) : new TemplateLookup.NotFound();
    }

    public async Task<(IReadOnlyList<NotificationTemplate>? Templates, ValidationErrors? Errors)> ListAsync(string? type, CancellationToken cancellationToken)
    {
        if (type is not null && !TypePattern().IsMatch(type))
        {
            return (null, ValidationErrors.Of("type", "Must match [a-z0-9_]{1,64}."));
        }

        return (await repository.ListAsync(type, cancellationToken), null);
    }

    private static ValidationErrors ValidateKey(string type, string channelText, string localeText, out NotificationChannel channel, out string locale)
    {
        var errors = new ValidationErrors();
        if (!TypePattern().IsMatch(type))
        {
            errors.Add("type", "Must match [a-z0-9_]{1,64}.");
        }

        if (!NotificationChannels.TryParse(channelText, out channel))
        {
            errors.Add("channel", "Must be 'sms' or 'voice'.");
        }

        if (!LocaleTag.TryNormalize(localeText, out locale))
        {
            errors.Add("locale", "Must be a BCP-47 language tag such as 'fr-CA', or 'default'.");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}

public abstract record TemplateLookup
{
    public sealed record Found(NotificationTemplate Template) : TemplateLookup;

    public sealed record NotFound : TemplateLookup;

    public sealed record Invalid(ValidationErrors Errors) : TemplateLookup;
}

public abstract record TemplatePutResult
{
    public sealed record Saved(NotificationTemplate Template, bool Created) : TemplatePutResult;

    public sealed record Invalid(ValidationErrors Errors) : TemplatePutResult;
}
