using System.Text.Json;

namespace FunctionsSender.StudioSimulator.Tests;

/// <summary>
/// samples/studio holds the flows a customer imports into Twilio Studio. Twilio validates them on import (not
/// reachable from here); these checks keep their shape: a REST API trigger that leads to the widget sending
/// <c>{{flow.data.OTP}}</c>, and every transition naming a state that exists.
/// </summary>
public class StudioFlowSampleTests
{
    [Theory]
    [InlineData("otp-sms.json", "send-message", "body")]
    [InlineData("otp-voice.json", "say-play", "say")]
    public void The_sample_flow_starts_from_the_rest_api_and_delivers_flow_data_otp(string file, string widgetType, string property)
    {
        using var flow = JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesDirectory(), file)));
        var root = flow.RootElement;
        var states = root.GetProperty("states").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

        var trigger = states[root.GetProperty("initial_state").GetString()!];
        Assert.Equal("trigger", trigger.GetProperty("type").GetString());
        var next = trigger.GetProperty("transitions").EnumerateArray()
            .Single(t => t.GetProperty("event").GetString() == "incomingRequest").GetProperty("next").GetString()!;
        Assert.True(states.ContainsKey(next));

        foreach (var transition in states.Values.SelectMany(s => s.GetProperty("transitions").EnumerateArray()))
        {
            if (transition.TryGetProperty("next", out var target))
            {
                Assert.True(states.ContainsKey(target.GetString()!), $"{file}: transition to unknown state {target}");
            }
        }

        var widget = Assert.Single(states.Values, s => s.GetProperty("type").GetString() == widgetType);
        Assert.Contains("flow.data.OTP", widget.GetProperty("properties").GetProperty(property).GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("flags").GetProperty("allow_concurrent_calls").GetBoolean());
    }

    private static string SamplesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "studio");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/studio not found above " + AppContext.BaseDirectory);
    }
}
