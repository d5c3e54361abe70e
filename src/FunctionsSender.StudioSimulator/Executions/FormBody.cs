using System.Text;

namespace FunctionsSender.StudioSimulator.Executions;

/// <summary>An <c>application/x-www-form-urlencoded</c> body, with fields kept in the order sent.</summary>
internal sealed record FormBody(string Raw, OrderedDictionary<string, string> Fields)
{
    public static async Task<FormBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var isForm = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        return new FormBody(raw, isForm ? Parse(raw) : []);
    }

    private static OrderedDictionary<string, string> Parse(string raw)
    {
        var fields = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            fields.TryAdd(key, value);
        }

        return fields;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value : null;
}
