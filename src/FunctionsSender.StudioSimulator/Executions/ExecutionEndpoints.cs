using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.StudioSimulator.Authentication;
using FunctionsSender.StudioSimulator.Faults;
using FunctionsSender.StudioSimulator.Recording;
using FunctionsSender.StudioSimulator.TwilioErrors;
using Microsoft.Extensions.Options;

namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>Twilio Studio Executions API v2: create, list and fetch.</summary>
internal static class ExecutionEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;

    public static void MapExecutionEndpoints(this IEndpointRouteBuilder routes)
    {
        var executions = routes.MapGroup("/v2/Flows/{flowSid}/Executions");
        executions.MapPost("/", CreateAsync);
        executions.MapGet("/", ListAsync);
        executions.MapGet("/{sid}", FetchAsync);
        routes.MapFallback("/v2/{**rest}", (HttpContext http) => TwilioErrorResult.NotFound(http.Request.Path));
    }

    private static async Task<IResult> CreateAsync(
        string flowSid,
        HttpContext http,
        FaultInjection faults,
        ExecutionStore store,
        SimulatorRecorder recorder,
        IOptions<StudioSimulatorOptions> options,
        ILoggerFactory loggers,
        TimeProvider clock)
    {
        var receivedAt = clock.GetUtcNow();
        var settings = options.Value;
        var form = await FormBody.ReadAsync(http.Request, http.RequestAborted);
        var credentials = BasicCredentials.FromHeader(http.Request.Headers.Authorization);
        IResult? answer = null;
        SimulatedExecution? created = null;
        try
        {
            answer = await faults.InterceptAsync(http)
                ?? Refusal(flowSid, http, credentials, settings)
                ?? Validate(form);
            if (answer is null)
            {
                created = new SimulatedExecution(
                    StudioSids.NewExecutionSid(),
                    settings.AccountSid,
                    flowSid,
                    form["To"]!,
                    form["From"]!,
                    ParseParameters(form["Parameters"]),
                    clock.GetUtcNow());
                store.Add(created);
                answer = Results.Json(created.ToResource(), TwilioJson.Options, statusCode: StatusCodes.Status201Created);
            }

            return answer;
        }
        finally
        {
            var status = answer is IStatusCodeHttpResult { StatusCode: { } code } && !http.RequestAborted.IsCancellationRequested
                ? code
                : (int?)null;
            recorder.Record(new RecordedRequest(
                flowSid,
                http.Request.Method,
                http.Request.ContentType,
                credentials.Scheme,
                credentials.Username,
                credentials.PasswordMatches(settings.AuthToken),
                form.Fields,
                form.Raw,
                status,
                created?.Sid,
                receivedAt));
            LogCreation(loggers.CreateLogger("StudioSimulator"), settings, flowSid, status, created, form);
        }
    }

    private static async Task<IResult> ListAsync(
        string flowSid,
        HttpContext http,
        FaultInjection faults,
        ExecutionStore store,
        IOptions<StudioSimulatorOptions> options,
        int? pageSize,
        int? page,
        DateTimeOffset? dateCreatedFrom,
        DateTimeOffset? dateCreatedTo)
    {
        var answer = await faults.InterceptAsync(http) ?? Refusal(flowSid, http, BasicCredentials.FromHeader(http.Request.Headers.Authorization), options.Value);
        if (answer is not null)
        {
            return answer;
        }

        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var number = Math.Max(page ?? 0, 0);
        var all = store.ForFlow(flowSid)
            .Where(e => (dateCreatedFrom is null || e.DateCreated >= dateCreatedFrom) && (dateCreatedTo is null || e.DateCreated <= dateCreatedTo))
            .ToList();
        var filters = string.Concat(
            dateCreatedFrom is { } from ? "&DateCreatedFrom=" + Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : string.Empty,
            dateCreatedTo is { } to ? "&DateCreatedTo=" + Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : string.Empty);
        var items = all.Skip(number * size).Take(size).Select(e => e.ToResource()).ToList();
        var hasNext = (number + 1) * size < all.Count;
        string PageUrl(int n) => string.Create(
            CultureInfo.InvariantCulture,
            $"{SimulatedExecution.StudioBaseUrl}/v2/Flows/{flowSid}/Executions?PageSize={size}&Page={n}{filters}");
        var meta = new PageMetaJson(
            number,
            size,
            PageUrl(0),
            number > 0 ? PageUrl(number - 1) : null,
            hasNext ? PageUrl(number + 1) : null,
            PageUrl(number),
            "executions");
        return Results.Json(new ExecutionPageJson(items, meta), TwilioJson.Options);
    }

    private static async Task<IResult> FetchAsync(
        string flowSid,
        string sid,
        HttpContext http,
        FaultInjection faults,
        ExecutionStore store,
        IOptions<StudioSimulatorOptions> options)
    {
        var answer = await faults.InterceptAsync(http) ?? Refusal(flowSid, http, BasicCredentials.FromHeader(http.Request.Headers.Authorization), options.Value);
        if (answer is not null)
        {
            return answer;
        }

        var execution = store.Find(flowSid, sid);
        return execution is null
            ? TwilioErrorResult.NotFound(http.Request.Path)
            : Results.Json(execution.ToResource(), TwilioJson.Options);
    }

    /// <summary>Twilio's order: authentication first, then whether the flow exists.</summary>
    private static TwilioErrorResult? Refusal(string flowSid, HttpContext http, BasicCredentials credentials, StudioSimulatorOptions settings)
    {
        if (!credentials.IsAuthenticated(settings))
        {
            return TwilioErrorResult.Unauthenticated();
        }

        var knownFlows = settings.KnownFlows();
        return !StudioSids.IsFlowSid(flowSid) || (knownFlows.Count > 0 && !knownFlows.Contains(flowSid))
            ? TwilioErrorResult.NotFound(http.Request.Path)
            : null;
    }

    private static TwilioErrorResult? Validate(FormBody form)
    {
        if (string.IsNullOrEmpty(form["To"]))
        {
            return TwilioErrorResult.MissingParameter("To");
        }

        if (string.IsNullOrEmpty(form["From"]))
        {
            return TwilioErrorResult.MissingParameter("From");
        }

        var parameters = form["Parameters"];
        if (parameters is not null && ParseParameters(parameters) is null)
        {
            return TwilioErrorResult.InvalidParameter("Parameters", "must be a JSON object string");
        }

        return null;
    }

    private static JsonObject? ParseParameters(string? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(parameters) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void LogCreation(
        ILogger logger,
        StudioSimulatorOptions settings,
        string flowSid,
        int? status,
        SimulatedExecution? created,
        FormBody form)
    {
        logger.LogInformation(
            "POST {FlowSid} -> {Status} {ExecutionSid} To {To}",
            flowSid,
            status?.ToString(CultureInfo.InvariantCulture) ?? "no answer",
            created?.Sid ?? "-",
            PhoneNumberMask.Mask(form["To"]));
        if (settings.LogParameters && created?.Parameters is { } parameters)
        {
            logger.LogInformation(
                "Parameters of {ExecutionSid}: {Parameters}",
                created.Sid,
                parameters.ToJsonString());
        }
    }
}
