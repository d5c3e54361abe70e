using System.Text.Json;

namespace FunctionsSender.Core.Validation;

/// <summary>
/// Reads typed fields out of a JSON object and records a field-named error for every wrong type,
/// so bad input is answered with all its problems (and never an exception from a deserializer).
/// </summary>
public readonly struct JsonObjectReader(JsonElement element, string path, ValidationErrors errors)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public ValidationErrors Errors { get; } = errors;

    public static bool TryCreate(JsonElement element, string path, ValidationErrors errors, out JsonObjectReader reader)
    {
        reader = new JsonObjectReader(element, path, errors);
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add(path.Length == 0 ? "$" : path, "Must be a JSON object.");
        return false;
    }

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public bool Has(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? ReadString(string name, bool required = false, int maxLength = 1024)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add(PathOf(name), "Is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(PathOf(name), "Must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            Errors.Add(PathOf(name), "Must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Errors.Add(PathOf(name), $"Must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    public int? ReadInt32(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Errors.Add(PathOf(name), "Must be a whole number.");
            return null;
        }

        return number;
    }

    public bool? ReadBoolean(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors.Add(PathOf(name), "Must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    public JsonObjectReader? ReadObject(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add(PathOf(name), "Is required.");
            }

            return null;
        }

        return TryCreate(value, PathOf(name), Errors, out var reader) ? reader : null;
    }

    public JsonElement? ReadArray(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add(PathOf(name), "Is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(PathOf(name), "Must be an array.");
            return null;
        }

        return value;
    }
}
