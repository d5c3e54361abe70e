using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FunctionsSender.Core.Telemetry;

/// <summary>
/// The product's metrics, on meter <c>FunctionsSender</c> (exported by OpenTelemetry: Azure Monitor on Azure, the console
/// under LocalHost). Tags are the sender id and channel, never a number, an OTP or a variable.
/// </summary>
public static class FunctionsSenderMetrics
{
    public const string MeterName = "FunctionsSender";

    public const string AcceptedName = "functionssender.notifications.accepted";
    public const string SentName = "functionssender.notifications.sent";
    public const string FailedName = "functionssender.notifications.failed";
    public const string ExpiredName = "functionssender.notifications.expired";
    public const string DeliveryLatencyName = "functionssender.notifications.delivery_latency";
    public const string ProviderResponsesName = "functionssender.provider.responses";

    public const string SenderTag = "sender";
    public const string ChannelTag = "channel";
    public const string StatusTag = "status";

    private static readonly Meter Meter = new(MeterName, typeof(FunctionsSenderMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        AcceptedName, "{notification}", "Notifications accepted and queued (replays of an idempotent request not counted).");

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        SentName, "{notification}", "Notifications the provider accepted (status sent).");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        FailedName, "{notification}", "Notifications that ended failed (refused, misconfigured, retries exhausted).");

    private static readonly Counter<long> Expired = Meter.CreateCounter<long>(
        ExpiredName, "{notification}", "Notifications whose OTP expired before the provider accepted them.");

    private static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram<double>(
        DeliveryLatencyName, "ms", "Time from acceptance to the provider's answer.");

    private static readonly Counter<long> ProviderResponses = Meter.CreateCounter<long>(
        ProviderResponsesName, "{response}", "Provider answers by HTTP status code.");

    /// <summary>A notification was accepted and queued.</summary>
    public static void NotificationAccepted(string senderId, string channel) =>
        Accepted.Add(1, new TagList { { SenderTag, senderId }, { ChannelTag, channel } });

    /// <summary>A provider answered (any status) for a notification accepted at <paramref name="acceptedAt"/>.</summary>
    public static void ProviderAnswered(string senderId, string channel, int status, DateTimeOffset acceptedAt, DateTimeOffset now)
    {
        DeliveryLatency.Record(Math.Max(0, (now - acceptedAt).TotalMilliseconds), new TagList { { SenderTag, senderId }, { ChannelTag, channel } });
        ProviderResponses.Add(1, new TagList { { SenderTag, senderId }, { ChannelTag, channel }, { StatusTag, status } });
    }

    /// <summary>A notification reached a terminal status (<c>sent</c>, <c>failed</c>, <c>expired</c>); others are ignored.</summary>
    public static void NotificationFinished(string senderId, string channel, string status)
    {
        var counter = status switch
        {
            Notifications.NotificationStatus.Sent => Sent,
            Notifications.NotificationStatus.Failed => Failed,
            Notifications.NotificationStatus.Expired => Expired,
            _ => null,
        };
        counter?.Add(1, new TagList { { SenderTag, senderId }, { ChannelTag, channel } });
    }
}
