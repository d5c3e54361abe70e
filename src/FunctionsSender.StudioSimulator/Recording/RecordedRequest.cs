namespace FunctionsSender.StudioSimulator.Recording;

/// <summary>One <c>POST /v2/Flows/{FlowSid}/Executions</c> as received, refused ones included.</summary>
/// <param name="FlowSid">Flow sid from the path.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="ContentType">Content-Type header, if any.</param>
/// <param name="AuthorizationScheme">Scheme of the Authorization header (<c>Basic</c>), if any.</param>
/// <param name="Username">The Basic user (Account SID or API key sid).</param>
/// <param name="PasswordMatched">Whether the Basic password equalled the configured auth token.</param>
/// <param name="Form">Form fields in the order sent.</param>
/// <param name="RawBody">The body exactly as received.</param>
/// <param name="AnsweredStatus">Status sent back; <c>null</c> when the request hung or was dropped.</param>
/// <param name="ExecutionSid">Sid of the execution created, when one was.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(
    string FlowSid,
    string Method,
    string? ContentType,
    string? AuthorizationScheme,
    string? Username,
    bool PasswordMatched,
    IReadOnlyDictionary<string, string> Form,
    string RawBody,
    int? AnsweredStatus,
    string? ExecutionSid,
    DateTimeOffset ReceivedAt)
{
    /// <summary>A form field, or <c>null</c> when absent.</summary>
    public string? Field(string name) => Form.TryGetValue(name, out var value) ? value : null;
}
