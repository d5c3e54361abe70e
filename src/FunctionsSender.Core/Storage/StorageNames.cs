namespace FunctionsSender.Core.Storage;

/// <summary>Table names fixed by CONTRACT §4.</summary>
public static class StorageNames
{
    public const string SendersTable = "senders";
    public const string TemplatesTable = "templates";
    public const string NotificationsTable = "notifications";
    public const string IdempotencyTable = "idempotency";
    public const string RateLimitsTable = "ratelimits";

    public static readonly IReadOnlyList<string> Tables =
        [SendersTable, TemplatesTable, NotificationsTable, IdempotencyTable, RateLimitsTable];

    public static string PoisonQueueOf(string queue) => queue + "-poison";
}
