using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Providers;

/// <summary>Templates that "exist" for the translators: (type, channel) pairs, any locale.</summary>
internal sealed class FakeTemplateDirectory(params (string Type, NotificationChannel Channel)[] existing) : ITemplateDirectory
{
    public List<(string Type, NotificationChannel Channel, string? Locale)> Lookups { get; } = [];

    public ValueTask<bool> ExistsAsync(string type, NotificationChannel channel, string? locale, CancellationToken cancellationToken)
    {
        Lookups.Add((type, channel, locale));
        return ValueTask.FromResult(existing.Contains((type, channel)));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
