using FunctionsSender.StudioSimulator.Executions;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.StudioSimulator.Recording;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace FunctionsSender.StudioSimulator;

/// <summary>Builds the simulator, for <c>Program.cs</c> and for tests running it in-process.</summary>
public static class StudioSimulatorApp
{
    /// <summary>
    /// Builds (does not start) the simulator. <paramref name="configure"/> runs after the defaults,
    /// so tests can add configuration or replace services.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(StudioSimulatorApp).Assembly.GetName().Name,
        });
        // Lowest-priority defaults: appsettings, environment and command line all override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddOptions<StudioSimulatorOptions>().BindConfiguration(StudioSimulatorDefaults.ConfigurationSection);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorRecorder>();
        builder.Services.AddSingleton<ExecutionStore>();
        builder.Services.AddSingleton(services =>
            new SimulatorFaults(services.GetRequiredService<IOptions<StudioSimulatorOptions>>().Value.Faults));
        builder.Services.AddSingleton<FaultInjection>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapExecutionEndpoints();
        app.MapFaultEndpoints();
        app.MapRecordingEndpoints();
        return app;
    }
}
