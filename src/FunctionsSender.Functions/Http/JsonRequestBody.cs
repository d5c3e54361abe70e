using FunctionsSender.Core.Validation;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace FunctionsSender.Functions.Http;

/// <summary>
/// Reads a JSON request body within the product's limits: 64 KiB (413), a JSON media type (415), depth 32 and
/// well-formed JSON (400 naming <c>$</c>). The caller owns the returned document.
/// </summary>
public static class JsonRequestBody
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxDepth = 32;

    public static async Task<(JsonDocument? Document, IActionResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, ProblemResults.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body as application/json."));
        }

        var (body, refusal) = await ReadLimitedAsync(request, cancellationToken);
        return refusal is not null ? (null, refusal) : Parse(body);
    }

    /// <summary>Reads the whole body, at most <see cref="MaxBytes"/> (413 beyond).</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IActionResult? Refusal)> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (default, TooLarge());
        }

        var buffer = new byte[MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total > MaxBytes ? (default, TooLarge()) : (buffer.AsMemory(0, total), null);
    }

    /// <summary>Parses JSON within the depth limit; a malformed body is a 400 naming <c>$</c>.</summary>
    public static (JsonDocument? Document, IActionResult? Refusal) Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (JsonTextCheck.FindInvalidText(document.RootElement) is { } path)
            {
                document.Dispose();
                return (null, ProblemResults.Validation(path == "$" ? "$" : path[2..], "Must be valid UTF-8 text (no lone surrogates)."));
            }

            return (document, null);
        }
        catch (JsonException e)
        {
            // Position only: the parser's own message can quote the body, which may hold an OTP.
            return (null, ProblemResults.Validation("$", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType.Value is not { } type)
        {
            return false;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static ObjectResult TooLarge() =>
        ProblemResults.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"Bodies are limited to {MaxBytes / 1024} KiB.");
}
