using System.Net.Http.Headers;
using System.Text;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.StudioSimulator.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.StudioSimulator.Tests;

/// <summary>The simulator started in-process on a free port, with an HttpClient that speaks to it.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    private RunningSimulator(WebApplication app)
    {
        App = app;
        Address = app.GetSimulatorAddress();
        Client = new HttpClient { BaseAddress = Address };
        Client.DefaultRequestHeaders.Authorization = BasicAuthorization(StudioSimulatorDefaults.AccountSid, StudioSimulatorDefaults.AuthToken);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public SimulatorRecorder Recorder => App.GetRecorder();

    public SimulatorFaults Faults => App.GetFaults();

    public static async Task<RunningSimulator> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var app = StudioSimulatorApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StudioSimulator:LogParameters"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new RunningSimulator(app);
    }

    public static AuthenticationHeaderValue BasicAuthorization(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static string ExecutionsPath(string flowSid = StudioSimulatorDefaults.SmsFlowSid) => $"v2/Flows/{flowSid}/Executions";

    public Task<HttpResponseMessage> CreateExecutionAsync(
        IEnumerable<KeyValuePair<string, string>>? form = null,
        string flowSid = StudioSimulatorDefaults.SmsFlowSid,
        AuthenticationHeaderValue? authorization = null,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ExecutionsPath(flowSid))
        {
            Content = new FormUrlEncodedContent(form ?? SampleForm()),
        };
        request.Headers.Authorization = authorization ?? Client.DefaultRequestHeaders.Authorization;
        return Client.SendAsync(request, cancellationToken);
    }

    public static KeyValuePair<string, string>[] SampleForm(string to = "+14155550123") =>
    [
        new("To", to),
        new("From", "+15005550006"),
        new("Parameters", """{"otp":"123456","ttl_minutes":5}"""),
    ];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Keeps what the simulator logs, for assertions on the console lines.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.lines)
            {
                owner.lines.Add(formatter(state, exception));
            }
        }
    }
}
