using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSender.Functions.Http;

/// <summary>RFC 9457 problem answers: every refusal names its status, and validation names each bad field.</summary>
public static class ProblemResults
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult Validation(ValidationErrors errors, int status = StatusCodes.Status400BadRequest) =>
        Create(new ValidationProblemDetails(errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value))
        {
            Type = TypeFor(status),
            Title = "The request is invalid.",
            Status = status,
            Detail = "See 'errors' for each field that needs fixing.",
        });

    public static ObjectResult Validation(string path, string message, int status = StatusCodes.Status400BadRequest) =>
        Validation(ValidationErrors.Of(path, message), status);

    public static ObjectResult Status(int status, string title, string detail) =>
        Create(new ProblemDetails { Type = TypeFor(status), Title = title, Status = status, Detail = detail });

    /// <summary>502 carrying the provider's verdict: its HTTP status, Twilio error code and message.</summary>
    public static ObjectResult ProviderRefused(ProviderResponse response)
    {
        var details = new ProblemDetails
        {
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3",
            Title = "The provider refused the request.",
            Status = StatusCodes.Status502BadGateway,
            Detail = response.ProviderMessage ?? $"The provider answered HTTP {response.Status}.",
        };
        details.Extensions["delivered"] = false;
        details.Extensions["providerStatus"] = response.Status;
        details.Extensions["providerCode"] = response.ProviderCode;
        details.Extensions["providerMessage"] = response.ProviderMessage;
        return Create(details);
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static ObjectResult TooManyRequests(TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new RetryAfterResult(
            new ProblemDetails { Type = TypeFor(StatusCodes.Status429TooManyRequests), Title = "Too many requests.", Status = StatusCodes.Status429TooManyRequests, Detail = detail },
            seconds);
    }

    public static ObjectResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found.", detail);

    public static ObjectResult StorageUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return Status(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable.", "Try again in a few seconds.");
    }

    private static ObjectResult Create(ProblemDetails details) => new(details)
    {
        StatusCode = details.Status,
        ContentTypes = { ContentType },
    };

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    /// <summary>A problem answer that also sets <c>Retry-After</c>, whichever host executes it.</summary>
    private sealed class RetryAfterResult : ObjectResult
    {
        private readonly int _seconds;

        public RetryAfterResult(ProblemDetails details, int seconds)
            : base(details)
        {
            _seconds = seconds;
            StatusCode = details.Status;
            ContentTypes.Add(ContentType);
        }

        public override Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = _seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return base.ExecuteResultAsync(context);
        }
    }
}
