using System.Text.Json.Nodes;

namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>An execution the simulator created, as Twilio's Execution resource describes it.</summary>
public sealed record SimulatedExecution(
    string Sid,
    string AccountSid,
    string FlowSid,
    string ContactChannelAddress,
    string From,
    JsonObject? Parameters,
    DateTimeOffset DateCreated)
{
    internal const string StudioBaseUrl = "https://studio.twilio.com";

    internal ExecutionResourceJson ToResource()
    {
        var url = $"{StudioBaseUrl}/v2/Flows/{FlowSid}/Executions/{Sid}";
        var context = Parameters is null
            ? new JsonObject()
            : new JsonObject { ["flow"] = new JsonObject { ["data"] = Parameters.DeepClone() } };
        return new ExecutionResourceJson(
            Sid,
            AccountSid,
            FlowSid,
            context,
            ContactChannelAddress,
            "active",
            1,
            DateCreated,
            DateCreated,
            url,
            new Dictionary<string, string>
            {
                ["steps"] = url + "/Steps",
                ["execution_context"] = url + "/Context",
            });
    }
}

/// <summary>Wire shape of Twilio's Studio v2 Execution resource.</summary>
internal sealed record ExecutionResourceJson(
    string Sid,
    string AccountSid,
    string FlowSid,
    JsonObject Context,
    string ContactChannelAddress,
    string Status,
    int FlowVersion,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated,
    string Url,
    IReadOnlyDictionary<string, string> Links);

/// <summary>Wire shape of Twilio's paged list answers.</summary>
internal sealed record ExecutionPageJson(IReadOnlyList<ExecutionResourceJson> Executions, PageMetaJson Meta);

internal sealed record PageMetaJson(
    int Page,
    int PageSize,
    string FirstPageUrl,
    string? PreviousPageUrl,
    string? NextPageUrl,
    string Url,
    string Key);
