namespace FunctionsSender.Core.Notifications;

public enum NotificationChannel
{
    Sms,
    Voice,
}

public static class NotificationChannels
{
    public static string ToWire(this NotificationChannel channel) => channel == NotificationChannel.Voice ? "voice" : "sms";

    public static bool TryParse(string? value, out NotificationChannel channel)
    {
        switch (value)
        {
            case "sms":
                channel = NotificationChannel.Sms;
                return true;
            case "voice":
                channel = NotificationChannel.Voice;
                return true;
            default:
                channel = default;
                return false;
        }
    }
}
