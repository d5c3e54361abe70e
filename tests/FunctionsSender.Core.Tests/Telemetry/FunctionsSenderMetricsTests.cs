using System.Diagnostics.Metrics;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Telemetry;
using Azure.Identity;

namespace FunctionsSender.Core.Tests.Telemetry;

public sealed class FunctionsSenderMetricsTests : IDisposable
{
    // A sender id of its own, so measurements from other tests running at the same time are left out.
    private readonly string sender = "metrics-" + Guid.NewGuid().ToString("N")[..8];
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    public FunctionsSenderMetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FunctionsSenderMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    [Fact]
    public void An_accepted_and_sent_notification_counts_once_each_with_its_latency_and_provider_status()
    {
        var acceptedAt = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

        FunctionsSenderMetrics.NotificationAccepted(sender, "sms");
        FunctionsSenderMetrics.ProviderAnswered(sender, "sms", 201, acceptedAt, acceptedAt.AddMilliseconds(250));
        FunctionsSenderMetrics.NotificationFinished(sender, "sms", NotificationStatus.Sent);

        var mine = Mine();
        var accepted = Assert.Single(mine, m => m.Instrument == FunctionsSenderMetrics.AcceptedName);
        Assert.Equal(1, accepted.Value);
        Assert.Equal("sms", accepted.Tags[FunctionsSenderMetrics.ChannelTag]);

        Assert.Equal(1, Assert.Single(mine, m => m.Instrument == FunctionsSenderMetrics.SentName).Value);
        Assert.Equal(250, Assert.Single(mine, m => m.Instrument == FunctionsSenderMetrics.DeliveryLatencyName).Value);
        var status = Assert.Single(mine, m => m.Instrument == FunctionsSenderMetrics.ProviderResponsesName);
        Assert.Equal(201, status.Tags[FunctionsSenderMetrics.StatusTag]);
        Assert.DoesNotContain(mine, m => m.Instrument is FunctionsSenderMetrics.FailedName or FunctionsSenderMetrics.ExpiredName);
    }

    [Theory]
    [InlineData(NotificationStatus.Failed, FunctionsSenderMetrics.FailedName)]
    [InlineData(NotificationStatus.Expired, FunctionsSenderMetrics.ExpiredName)]
    public void Failed_and_expired_count_on_their_own_instruments(string status, string instrument)
    {
        FunctionsSenderMetrics.NotificationFinished(sender, "voice", status);

        var measurement = Assert.Single(Mine());
        Assert.Equal(instrument, measurement.Instrument);
        Assert.Equal("voice", measurement.Tags[FunctionsSenderMetrics.ChannelTag]);
    }

    [Fact]
    public void Non_terminal_statuses_count_nothing()
    {
        FunctionsSenderMetrics.NotificationFinished(sender, "sms", NotificationStatus.Sending);
        Assert.Empty(Mine());
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=6f1c2a5e-3b7d-4c1e-9a8f-2d4e6b8c0a1f", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("", false)]
    [InlineData("Authorization=Key", false)]
    public void The_application_insights_authentication_string_picks_a_managed_identity(string value, bool entra)
    {
        var credential = TelemetryServiceCollectionExtensions.AzureMonitorCredential(value);
        if (entra)
        {
            Assert.IsType<ManagedIdentityCredential>(credential);
        }
        else
        {
            Assert.Null(credential);
        }
    }

    public void Dispose() => listener.Dispose();

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Mine()
    {
        lock (measurements)
        {
            return measurements.Where(m => Equals(m.Tags.GetValueOrDefault(FunctionsSenderMetrics.SenderTag), sender)).ToList();
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (measurements)
        {
            measurements.Add((instrument.Name, value, copy));
        }
    }
}
