using System.Globalization;
using System.Text.Json;
using FunctionsSender.StudioSimulator.Executions;
using Microsoft.AspNetCore.WebUtilities;

namespace FunctionsSender.StudioSimulator.TwilioErrors;

/// <summary>Twilio's error body: <c>{"code","message","more_info","status"}</c>.</summary>
internal sealed record TwilioErrorBody(int Code, string Message, string MoreInfo, int Status);

/// <summary>Writes a Twilio error answer, with <c>Retry-After</c> and <c>WWW-Authenticate</c> where they belong.</summary>
internal sealed class TwilioErrorResult(int status, int code, string message, int? retryAfterSeconds = null)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public int Code => code;

    public static TwilioErrorResult MissingParameter(string name) =>
        new(StatusCodes.Status400BadRequest, 20001, $"Missing required parameter {name} in the post body");

    public static TwilioErrorResult InvalidParameter(string name, string reason) =>
        new(StatusCodes.Status400BadRequest, 20001, $"Invalid parameter {name}: {reason}");

    public static TwilioErrorResult Unauthenticated() =>
        new(StatusCodes.Status401Unauthorized, 20003, "Authenticate");

    public static TwilioErrorResult NotFound(PathString path) =>
        new(StatusCodes.Status404NotFound, 20404, $"The requested resource {path} was not found");

    /// <summary>An injected failure: 429 → 20429, 500 → 20500, 503 → 20503 and so on.</summary>
    public static TwilioErrorResult ForStatus(int status, int? retryAfterSeconds) =>
        status switch
        {
            StatusCodes.Status400BadRequest => new(status, 20001, "Bad Request", retryAfterSeconds),
            StatusCodes.Status401Unauthorized => new(status, 20003, "Authenticate", retryAfterSeconds),
            StatusCodes.Status429TooManyRequests => new(status, 20429, "Too Many Requests", retryAfterSeconds),
            _ => new(status, 20000 + status, ReasonOrDefault(status), retryAfterSeconds),
        };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        }

        var body = new TwilioErrorBody(code, message, $"https://www.twilio.com/docs/errors/{code}", status);
        await JsonSerializer.SerializeAsync(response.Body, body, TwilioJson.Options, httpContext.RequestAborted)
            .ConfigureAwait(false);
    }

    private static string ReasonOrDefault(int status)
    {
        var reason = ReasonPhrases.GetReasonPhrase(status);
        return string.IsNullOrEmpty(reason) ? "Error" : reason;
    }
}
