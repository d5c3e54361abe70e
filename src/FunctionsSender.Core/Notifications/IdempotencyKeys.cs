namespace FunctionsSender.Core.Notifications;

public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>1–128 visible ASCII characters (CONTRACT §3.1).</summary>
    public static bool IsValid(string? key) =>
        key is { Length: >= 1 and <= 128 } && key.All(c => c is >= '!' and <= '~');
}
