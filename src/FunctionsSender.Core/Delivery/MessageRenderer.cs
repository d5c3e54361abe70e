using System.Text.Json;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Delivery;

/// <summary>Produces the notification's message: from its template (locale chain) or as given pre-rendered.</summary>
public sealed class MessageRenderer(TemplateCatalog templates)
{
    public async ValueTask<RenderedMessage> RenderAsync(NotificationMessage notification, string from, CancellationToken cancellationToken)
    {
        if (notification.Template is null)
        {
            var text = notification.Message ?? "";
            return new RenderedMessage(text, LooksLikeJsonObject(text));
        }

        var template = await templates.FindAsync(notification.Template, notification.Channel, notification.Locale, cancellationToken)
                       ?? throw new DeliveryFailedException("template_not_found",
                           $"No '{notification.Template}' template for {notification.Channel.ToWire()} in locale '{notification.Locale ?? LocaleTag.Default}' or its fallbacks.");

        var values = new NotificationTemplateValues(
            notification.Variables, notification.To, from, notification.Channel.ToWire(), notification.Locale ?? LocaleTag.Default);
        try
        {
            return new RenderedMessage(template.Compiled.Render(values), template.Compiled.Kind == TemplateKind.Json);
        }
        catch (MissingTemplateVariableException e)
        {
            throw new DeliveryFailedException("render_failed", $"Template '{notification.Template}' needs variable '{e.VariableName}', which the request lacks.");
        }
    }

    /// <summary>A pre-rendered message that is a JSON object is embedded as JSON in a raw body, not as a string.</summary>
    private static bool LooksLikeJsonObject(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public readonly record struct RenderedMessage(string Text, bool IsJson);

/// <summary>A permanent failure with our reason code; the message never holds an OTP or variable.</summary>
public sealed class DeliveryFailedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Thrown so the queue redelivers the message later (visibility timeout, then poison at maxDequeueCount).</summary>
public sealed class TransientDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
