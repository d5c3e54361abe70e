using System.Text;
using System.Text.Json;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Delivery;

/// <summary>Produces the notification's message: from its template (locale chain) or as given pre-rendered.</summary>
public sealed class MessageRenderer(TemplateCatalog templates)
{
    /// <summary>Twilio's longest message (10 segments).</summary>
    public const int MaxSmsLength = 1600;

    public const int MaxParametersBytes = 16 * 1024;

    public async ValueTask<RenderedMessage> RenderAsync(NotificationMessage notification, string from, CancellationToken cancellationToken)
    {
        if (notification.Template is null)
        {
            var text = notification.Message ?? "";
            var given = new RenderedMessage(text, LooksLikeJsonObject(text));
            EnforceLimits(given, notification.Channel);
            return given;
        }

        var template = await templates.FindAsync(notification.Template, notification.Channel, notification.Locale, cancellationToken)
                       ?? throw new DeliveryFailedException("template_not_found",
                           $"No '{notification.Template}' template for {notification.Channel.ToWire()} in locale '{notification.Locale ?? LocaleTag.Default}' or its fallbacks.");

        var values = new NotificationTemplateValues(
            notification.Variables, notification.To, from, notification.Channel.ToWire(), notification.Locale ?? LocaleTag.Default);
        RenderedMessage rendered;
        try
        {
            rendered = new RenderedMessage(template.Compiled.Render(values), template.Compiled.Kind == TemplateKind.Json);
        }
        catch (MissingTemplateVariableException e)
        {
            throw new DeliveryFailedException("render_failed", $"Template '{notification.Template}' needs variable '{e.VariableName}', which the request lacks.");
        }

        EnforceLimits(rendered, notification.Channel);
        return rendered;
    }

    /// <summary>Twilio's limits, checked here so an oversized message is our recorded failure, not a provider error.</summary>
    internal static void EnforceLimits(RenderedMessage message, NotificationChannel channel)
    {
        if (message.IsJson && Encoding.UTF8.GetByteCount(message.Text) > MaxParametersBytes)
        {
            throw new DeliveryFailedException("parameters_too_large", $"The rendered message is over {MaxParametersBytes / 1024} KiB of JSON, more than a Studio flow's Parameters may carry.");
        }

        if (!message.IsJson && channel == NotificationChannel.Sms && message.Text.Length > MaxSmsLength)
        {
            throw new DeliveryFailedException("message_too_long", $"The rendered SMS is {message.Text.Length} characters; at most {MaxSmsLength} can be sent.");
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
