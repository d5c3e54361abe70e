namespace FunctionsSender.StudioSimulator.Faults;

/// <summary>Runtime control: <c>GET|PUT|DELETE /_simulator/faults</c> and <c>POST /_simulator/script</c>.</summary>
internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_simulator/faults", (SimulatorFaults faults) =>
            Results.Ok(new { settings = faults.Settings, pendingScript = faults.PendingScriptCount }));

        routes.MapPut("/_simulator/faults", (FaultSettings settings, SimulatorFaults faults) =>
        {
            var problems = settings.Validate();
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["faults"] = [.. problems] });
            }

            faults.Apply(settings);
            return Results.Ok(faults.Settings);
        });

        routes.MapDelete("/_simulator/faults", (SimulatorFaults faults) =>
        {
            faults.Reset();
            return Results.NoContent();
        });

        routes.MapPost("/_simulator/script", (ScriptedResponse[] responses, SimulatorFaults faults) =>
        {
            var problems = responses.SelectMany(r => r.Validate()).ToArray();
            if (problems.Length > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["script"] = problems });
            }

            faults.Enqueue(responses);
            return Results.Ok(new { pendingScript = faults.PendingScriptCount });
        });
    }
}
