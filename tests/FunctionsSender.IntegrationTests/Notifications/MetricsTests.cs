using System.Diagnostics.Metrics;
using System.Net;
using FunctionsSender.Core.Telemetry;
using FunctionsSender.StudioSimulator;

namespace FunctionsSender.IntegrationTests.Notifications;

/// <summary>The intake and the dispatcher really emit the FunctionsSender metrics for an OTP that is accepted and sent.</summary>
[Collection(AppCollection.Name)]
public sealed class MetricsTests(AppFixture app) : IDisposable
{
    private const string SenderId = "metrics-e2e";
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    [Fact]
    public async Task An_accepted_and_sent_otp_counts_accepted_sent_latency_and_provider_status_201()
    {
        Listen();
        await app.PutSenderAsync(SenderId, password: StudioSimulatorDefaults.AuthToken);

        var response = await app.PostNotificationAsync(new { senderId = SenderId, channel = "sms", to = "+14155550177", message = "{\"OTP\":\"600177\"}" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("id").GetString()!;
        Assert.Equal("sent", (await app.WaitForTerminalStatusAsync(id)).GetProperty("status").GetString());

        // The terminal status is written before the counter moves: give the dispatcher a moment to finish.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Mine(FunctionsSenderMetrics.SentName).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var accepted = Assert.Single(Mine(FunctionsSenderMetrics.AcceptedName));
        Assert.Equal("sms", accepted.Tags[FunctionsSenderMetrics.ChannelTag]);
        Assert.Single(Mine(FunctionsSenderMetrics.SentName));
        var latency = Assert.Single(Mine(FunctionsSenderMetrics.DeliveryLatencyName));
        Assert.InRange(latency.Value, 0, 30_000);
        Assert.Equal(201, Assert.Single(Mine(FunctionsSenderMetrics.ProviderResponsesName)).Tags[FunctionsSenderMetrics.StatusTag]);
        Assert.Empty(Mine(FunctionsSenderMetrics.FailedName));
        Assert.Empty(Mine(FunctionsSenderMetrics.ExpiredName));
    }

    public void Dispose() => listener.Dispose();

    private void Listen()
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

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Mine(string instrument)
    {
        lock (measurements)
        {
            return measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(FunctionsSenderMetrics.SenderTag), SenderId)).ToList();
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
