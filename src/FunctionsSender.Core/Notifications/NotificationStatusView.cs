namespace FunctionsSender.Core.Notifications;

/// <summary>The body of <c>GET /api/v1/notifications/{id}</c> (CONTRACT §3.2).</summary>
public sealed record NotificationStatusView(
    string Id,
    string Status,
    string SenderId,
    string Channel,
    string To,
    string? Template,
    int Attempts,
    string? ExecutionSid,
    NotificationError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    string? DeliveredBy,
    IReadOnlyList<NotificationEvent> History)
{
    public static NotificationStatusView From(NotificationRecord r) =>
        new(r.Id, r.Status, r.SenderId, r.Channel, r.To, r.Template, r.Attempts, r.ExecutionSid, r.Error, r.CreatedAt, r.UpdatedAt, r.ExpiresAt,
            r.DeliveredBy, r.History);
}
