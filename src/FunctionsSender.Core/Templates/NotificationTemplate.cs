using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Templates;

/// <summary>A notification template for one type, channel and locale (CONTRACT §3.5).</summary>
public sealed record NotificationTemplate(string Type, NotificationChannel Channel, string Locale, string Message);
