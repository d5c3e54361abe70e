namespace FunctionsSender.StudioSimulator.Recording;

/// <summary>Inspection for tests: <c>GET|DELETE /_simulator/requests</c>.</summary>
internal static class RecordingEndpoints
{
    public static void MapRecordingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_simulator/requests", (SimulatorRecorder recorder) => Results.Ok(recorder.Requests));
        routes.MapDelete("/_simulator/requests", (SimulatorRecorder recorder) =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
    }
}
