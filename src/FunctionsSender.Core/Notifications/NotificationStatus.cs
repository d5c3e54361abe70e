namespace FunctionsSender.Core.Notifications;

/// <summary>Status values of CONTRACT §3.2.</summary>
public static class NotificationStatus
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Rejected = "rejected";

    public static bool IsTerminal(string status) => status is Sent or Failed or Expired or Rejected;
}
