using FunctionsSender.StudioSimulator.Executions;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.StudioSimulator.Recording;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FunctionsSender.StudioSimulator;

/// <summary>Reach the simulator's parts from a running <see cref="WebApplication"/>.</summary>
public static class StudioSimulatorWebApplicationExtensions
{
    /// <summary>The first address the server bound to (after <c>StartAsync</c>), e.g. <c>http://127.0.0.1:53817/</c>.</summary>
    public static Uri GetSimulatorAddress(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator has no bound address; call StartAsync first.");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }

    /// <summary>The recorder of received Executions POSTs.</summary>
    public static SimulatorRecorder GetRecorder(this WebApplication app) => app.Services.GetRequiredService<SimulatorRecorder>();

    /// <summary>The fault controller.</summary>
    public static SimulatorFaults GetFaults(this WebApplication app) => app.Services.GetRequiredService<SimulatorFaults>();

    /// <summary>Executions created so far.</summary>
    public static ExecutionStore GetExecutions(this WebApplication app) => app.Services.GetRequiredService<ExecutionStore>();
}
