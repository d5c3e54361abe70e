using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FunctionsSender.Core.Providers.Studio;

/// <summary>
/// Posts a rendered request to a Twilio Studio flow (<c>POST /v2/Flows/{FlowSid}/Executions</c>) with HTTP Basic
/// auth and reads Twilio's answer: the execution sid on 201, or <c>{code,message,more_info,status}</c> on refusal.
/// </summary>
public sealed class StudioExecutionClient(HttpClient http)
{
    private const int MaxErrorBodyBytes = 16 * 1024;

    /// <param name="attempts">Optional: counts the POSTs made, retries included, even when the call ends in an exception.</param>
    public async Task<ProviderResponse> PostAsync(
        Uri url, string username, string password, HttpContent content, CancellationToken cancellationToken, ProviderAttemptCounter? attempts = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (attempts is not null)
        {
            request.Options.Set(ProviderAttemptCounter.Key, attempts);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta
                         ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        var body = await ReadBoundedAsync(response.Content, cancellationToken);
        return Parse(status, body, retryAfter);
    }

    internal static ProviderResponse Parse(int status, string body, TimeSpan? retryAfter = null)
    {
        string? sid = null;
        int? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    sid = s.GetString();
                }

                if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var parsed))
                {
                    code = parsed;
                }

                if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not Twilio's JSON (a proxy's HTML page, say): the status alone decides.
        }

        return new ProviderResponse(status, sid, code, message, retryAfter);
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}

/// <summary>A provider's answer: HTTP status, the execution sid on success, Twilio's error code and message otherwise.</summary>
public sealed record ProviderResponse(int Status, string? ExecutionSid, int? ProviderCode, string? ProviderMessage, TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Worth another try later: throttling, timeouts and server errors.</summary>
    public bool IsTransient => Status is 408 or 429 or >= 500;
}
