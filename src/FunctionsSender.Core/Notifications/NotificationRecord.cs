using System.Text.Json.Serialization;
using Azure;

namespace FunctionsSender.Core.Notifications;

/// <summary>The status record of one notification. Holds the destination only masked, never an OTP or variable.</summary>
public sealed record NotificationRecord
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public required string SenderId { get; init; }

    public required string Channel { get; init; }

    /// <summary>Masked destination (<c>+1415*****23</c>).</summary>
    public required string To { get; init; }

    public string? Template { get; init; }

    public string? Locale { get; init; }

    public int Attempts { get; init; }

    public string? ExecutionSid { get; init; }

    public NotificationError? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The sender that delivered it: the requested one, or its fallback.</summary>
    public string? DeliveredBy { get; init; }

    /// <summary>Each transition with its time (and <c>retrying</c> events between them).</summary>
    public IReadOnlyList<NotificationEvent> History { get; init; } = [];

    /// <summary>Hash of the accepted request, to tell a repeat of it from another request under the same id or key.</summary>
    public string? RequestFingerprint { get; init; }

    public ETag ETag { get; init; }
}

/// <summary>One entry of a notification's history.</summary>
public sealed record NotificationEvent(string Status, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Attempts = null);

/// <summary>Why a notification failed: our code, a message without secrets, and the provider's verdict when there was one.</summary>
public sealed record NotificationError(string Code, string Message, int? ProviderStatus = null, int? ProviderCode = null)
{
    /// <summary>Field-named validation errors, for a <c>rejected</c> queue request.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
