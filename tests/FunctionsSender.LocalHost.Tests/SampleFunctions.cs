using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.LocalHost.Tests;

/// <summary>A service the sample functions take through their primary constructors, as real functions take core services.</summary>
public sealed class SampleGreeting
{
    public string Greet(string name) => "hello " + name;
}

/// <summary>Collects what the queue samples saw, so tests can wait for deliveries and count attempts.</summary>
public sealed class QueueProbe
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> received = new();

    public void Record(string function, string body) => received.GetOrAdd(function, _ => new()).Enqueue(body);

    public IReadOnlyList<string> Received(string function) =>
        received.TryGetValue(function, out var bodies) ? bodies.ToArray() : [];
}

public sealed class SampleHttpFunctions(SampleGreeting greeting, ILogger<SampleHttpFunctions> logger)
{
    [Function("GetItem")]
    public Task<IActionResult> GetItem(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id}")] HttpRequest req,
        string id,
        CancellationToken cancellationToken)
    {
        logger.LogInformation("GetItem called");
        return Task.FromResult<IActionResult>(new OkObjectResult(new { ItemId = id, Greeting = greeting.Greet(id), Method = req.Method }));
    }

    [Function("Increment")]
    public IActionResult Increment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "numbers/{value:int}")] HttpRequest req,
        int value) => new OkObjectResult(new { Next = value + 1 });

    [Function("Explode")]
    public Task<IActionResult> Explode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "explode")] HttpRequest req) =>
        throw new InvalidOperationException("secret internal detail +15551234567");

    [Function("AdminPing")]
    public IActionResult AdminPing(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/ping")] HttpRequest req) => new OkObjectResult("pong");

    [Function("AnyMethod")]
    public IActionResult AnyMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "any")] HttpRequest req) => new ContentResult { Content = req.Method, StatusCode = 200 };

    // No Route: served under the function name, as in the Functions host.
    [Function("WritesResponse")]
    public async Task WritesResponse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(req.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        req.HttpContext.Response.StatusCode = StatusCodes.Status202Accepted;
        await req.HttpContext.Response.WriteAsync(body.ToUpperInvariant(), cancellationToken);
    }
}

public sealed class SampleQueueFunctions(QueueProbe probe)
{
    public const string DeliveredSetting = "Samples:DeliveredQueue";
    public const string FailingSetting = "Samples:FailingQueue";
    public const string BinarySetting = "Samples:BinaryQueue";
    public const string SlowSetting = "Samples:SlowQueue";
    public const string LongSetting = "Samples:LongQueue";

    // Runs well past a two-second lease: only lease renewal keeps the message from being handed out twice.
    [Function("OutlivesItsLease")]
    public async Task OutlivesItsLease(
        [QueueTrigger("%Samples:LongQueue%")] string message,
        CancellationToken cancellationToken)
    {
        probe.Record("OutlivesItsLease", "started");
        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        probe.Record("OutlivesItsLease", "finished " + message);
    }

    // Ignores the stopping token on purpose: shutdown must still wait for it to finish.
    [Function("FinishesDuringShutdown")]
    public async Task FinishesDuringShutdown(
        [QueueTrigger("%Samples:SlowQueue%")] byte[] message,
        CancellationToken cancellationToken)
    {
        probe.Record("FinishesDuringShutdown", "started");
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        probe.Record("FinishesDuringShutdown", "finished " + message.Length);
    }

    [Function("RecordsString")]
    public Task RecordsString(
        [QueueTrigger("%Samples:DeliveredQueue%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        probe.Record("RecordsString", message);
        return Task.CompletedTask;
    }

    [Function("RecordsQueueMessage")]
    public Task RecordsQueueMessage(
        [QueueTrigger("%Samples:BinaryQueue%")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        probe.Record("RecordsQueueMessage", message.Body.ToString() + "|" + message.DequeueCount);
        return Task.CompletedTask;
    }

    [Function("AlwaysFails")]
    public Task AlwaysFails(
        [QueueTrigger("%Samples:FailingQueue%", Connection = "AzureWebJobsStorage")] BinaryData message,
        CancellationToken cancellationToken)
    {
        probe.Record("AlwaysFails", message.ToString());
        throw new InvalidOperationException("this function always fails");
    }
}
