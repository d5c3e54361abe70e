using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsSender.Functions.Http;

/// <summary>
/// <c>?pageSize=</c> (1–100, default 50) and an opaque <c>?continuationToken=</c>: the storage token wrapped in
/// Base64url so callers treat it as opaque and a damaged one is a 400, not a storage error.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static bool TryRead(HttpRequest request, out int pageSize, out string? continuationToken, out IActionResult? refusal)
    {
        pageSize = DefaultPageSize;
        continuationToken = null;
        refusal = null;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            refusal = ProblemResults.Validation("pageSize", $"Must be a whole number from 1 to {MaxPageSize}.");
            return false;
        }

        var token = request.Query["continuationToken"].ToString();
        if (token.Length == 0)
        {
            return true;
        }

        try
        {
            continuationToken = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return true;
        }
        catch (FormatException)
        {
            refusal = ProblemResults.Validation("continuationToken", "Is not a token this API gave out.");
            return false;
        }
    }

    public static string? Encode(string? continuationToken) =>
        continuationToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuationToken));
}
