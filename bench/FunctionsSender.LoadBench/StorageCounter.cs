using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;

namespace FunctionsSender.LoadBench;

/// <summary>
/// Counts every storage transaction (each try, so retries count) by phase and operation. Added PerRetry to the app's
/// Azure clients and to LocalHost's queue-polling client. Phase: "intake" while an HTTP request is being served,
/// "dispatch" otherwise (the queue-triggered functions), "listener" for the host's own polling client.
/// </summary>
internal sealed class StorageCounter(ConcurrentDictionary<string, long> counts, IHttpContextAccessor? http, string? fixedPhase) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        var phase = fixedPhase ?? (http?.HttpContext is not null ? "intake" : "dispatch");
        var status = message.HasResponse ? message.Response.Status : 0;
        counts.AddOrUpdate($"{phase}|{Describe(message.Request, status)}", 1, (_, n) => n + 1);
    }

    /// <summary>"table ratelimits insert", "queue otp-notifications receive(empty)" …</summary>
    internal static string Describe(Request request, int status)
    {
        var uri = request.Uri.ToUri();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method.Method;
        var failed = status >= 400 ? $"({status})" : "";
        if (segments.Length >= 2 && segments[^1] == "messages" || segments.Length >= 3 && segments[^2] == "messages")
        {
            var queue = segments[^1] == "messages" ? segments[^2] : segments[^3];
            var op = method switch
            {
                "POST" => "enqueue",
                "GET" when uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase) => "peek",
                "GET" => "receive",
                "DELETE" => "delete",
                "PUT" => "update-visibility",
                _ => method,
            };
            return $"queue {queue} {op}{failed}";
        }

        var last = segments.Length > 0 ? Uri.UnescapeDataString(segments[^1]) : "";
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var name = paren > 0 ? last[..paren] : last;
        if (uri.Query.Contains("comp=", StringComparison.OrdinalIgnoreCase) || segments.Length == 2 && method == "PUT" && paren < 0)
        {
            return $"admin {name} {method}{failed}";
        }

        if (name == "Tables")
        {
            return $"admin table {method}{failed}";
        }

        var entity = paren > 0 && last.Contains("PartitionKey", StringComparison.Ordinal);
        var tableOp = (method, entity) switch
        {
            ("POST", false) => "insert",
            ("GET", true) => "read",
            ("GET", false) => "query",
            ("PUT", true) => "update",
            ("MERGE", true) or ("PATCH", true) => "merge",
            ("DELETE", true) => "delete",
            _ => method,
        };
        return $"table {name} {tableOp}{failed}";
    }

    public static Dictionary<string, long> Snapshot(ConcurrentDictionary<string, long> counts) => new(counts);

    public static Dictionary<string, long> Delta(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Value > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
}
