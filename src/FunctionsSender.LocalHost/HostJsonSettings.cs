using System.Globalization;
using System.Text.Json;

namespace FunctionsSender.LocalHost;

/// <summary>The parts of host.json that change how functions are served, with the Functions host's defaults.</summary>
public sealed record HostJsonSettings(string RoutePrefix, QueueListenerSettings Queues)
{
    public const string DefaultRoutePrefix = "api";

    public static HostJsonSettings Default { get; } = new(DefaultRoutePrefix, QueueListenerSettings.Default);

    // host.json is hand-edited and Core Tools tolerates comments and trailing commas, so we do too.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads host.json at <paramref name="path"/>; a missing file means all defaults, as with Core Tools.</summary>
    public static HostJsonSettings Load(string? path) =>
        path is not null && File.Exists(path) ? Parse(File.ReadAllText(path)) : Default;

    public static HostJsonSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        var extensions = document.RootElement.ValueKind == JsonValueKind.Object
            ? Property(document.RootElement, "extensions")
            : null;

        var routePrefix = DefaultRoutePrefix;
        if (extensions is { } ext && Property(ext, "http") is { } http && Property(http, "routePrefix") is { } prefix)
        {
            // An explicit empty string is meaningful: it removes the prefix entirely.
            routePrefix = prefix.ValueKind == JsonValueKind.Null ? DefaultRoutePrefix : (prefix.GetString() ?? string.Empty).Trim('/');
        }

        var queues = extensions is { } e && Property(e, "queues") is { } q
            ? QueueListenerSettings.FromJson(q)
            : QueueListenerSettings.Default;
        return new HostJsonSettings(routePrefix, queues);
    }

    // host.json keys are matched case-insensitively by the Functions host.
    internal static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}

/// <summary>The <c>extensions.queues</c> section of host.json.</summary>
public sealed record QueueListenerSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    string MessageEncoding)
{
    /// <summary>
    /// How long a received message stays invisible while its function runs; renewed at half-time, as the queue
    /// extension does (10 minutes). Not a host.json setting: <c>LocalHost:MessageLeaseSeconds</c> shortens it so a
    /// crash test sees unfinished messages return in seconds.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The Storage service refuses to hand out more than 32 messages per receive call.</summary>
    public const int MaxBatchSize = 32;

    public static QueueListenerSettings Default { get; } = new(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, "base64");

    public bool UsesBase64Encoding => string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase);

    internal static QueueListenerSettings FromJson(JsonElement section)
    {
        var batchSize = Int(section, "batchSize") ?? Default.BatchSize;
        if (batchSize is < 1 or > MaxBatchSize)
        {
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be between 1 and {MaxBatchSize}; it is {batchSize}.");
        }

        var maxDequeueCount = Int(section, "maxDequeueCount") ?? Default.MaxDequeueCount;
        if (maxDequeueCount < 1)
        {
            throw new InvalidOperationException($"host.json extensions.queues.maxDequeueCount must be at least 1; it is {maxDequeueCount}.");
        }

        var encoding = HostJsonSettings.Property(section, "messageEncoding")?.GetString() ?? Default.MessageEncoding;
        if (!string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase) && !string.Equals(encoding, "none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be 'base64' or 'none'; it is '{encoding}'.");
        }

        return new QueueListenerSettings(
            batchSize,
            // The Functions host defaults the threshold to half the batch size.
            Math.Max(0, Int(section, "newBatchThreshold") ?? batchSize / 2),
            Time(section, "maxPollingInterval") ?? Default.MaxPollingInterval,
            Time(section, "visibilityTimeout") ?? Default.VisibilityTimeout,
            maxDequeueCount,
            encoding.ToLowerInvariant());
    }

    private static int? Int(JsonElement section, string name) => HostJsonSettings.Property(section, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt32(),
        { ValueKind: JsonValueKind.String } s => int.Parse(s.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static TimeSpan? Time(JsonElement section, string name) => HostJsonSettings.Property(section, name) switch
    {
        { ValueKind: JsonValueKind.String } s => TimeSpan.Parse(s.GetString()!, CultureInfo.InvariantCulture),
        // A bare number is read as milliseconds, which is how the queue extension's options bind.
        { ValueKind: JsonValueKind.Number } n => TimeSpan.FromMilliseconds(n.GetDouble()),
        _ => null,
    };
}
