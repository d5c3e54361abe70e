using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Templates;

/// <summary>Whether a template exists for a type, channel and locale (by the same locale chain as dispatch).</summary>
public interface ITemplateDirectory
{
    ValueTask<bool> ExistsAsync(string type, NotificationChannel channel, string? locale, CancellationToken cancellationToken);
}
