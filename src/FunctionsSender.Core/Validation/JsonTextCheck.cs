using System.Text.Json;

namespace FunctionsSender.Core.Validation;

/// <summary>
/// JsonDocument accepts invalid UTF-8 inside strings and escaped lone surrogates (<c>"\uD800"</c>) and only fails when
/// a string is read, deep in the code that reads it. Checking every string and name once, right after parsing, turns
/// such a body into a 400 naming where it is instead of an exception later.
/// </summary>
public static class JsonTextCheck
{
    /// <returns>The JSON path of the first string or property name that is not valid Unicode text, or null.</returns>
    public static string? FindInvalidText(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalidText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }

                    if (FindInvalidText(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsReadable(JsonElement element)
    {
        try
        {
            var text = element.GetString()!;
            // GetString lets an escaped lone surrogate through; it is not text either.
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return false;
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
