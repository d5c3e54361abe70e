using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Validation;

namespace FunctionsSender.Core.Providers;

/// <summary>
/// A platform body translated into the native request: either <see cref="Request"/> or field-named
/// <see cref="Errors"/> (platform names), and the map that renames any later acceptance errors the same way.
/// </summary>
public sealed record ProviderTranslation(NotificationRequest? Request, ValidationErrors Errors, ProviderFieldMap Fields)
{
    /// <summary>
    /// Validates <paramref name="native"/> (a body in the §3.1 shape) with the native validator — the one set of rules —
    /// and merges its errors, renamed to the platform's fields, with the platform-specific ones already found.
    /// </summary>
    public static ProviderTranslation Validate(
        NotificationRequestValidator validator,
        JsonObject native,
        ValidationErrors platformErrors,
        ProviderFieldMap fields,
        string? from = null)
    {
        var element = JsonSerializer.SerializeToElement(native);
        validator.TryValidate(element, out var request, out var errors);
        fields.AddTo(platformErrors, errors);
        return platformErrors.IsEmpty
            ? new ProviderTranslation(request! with { From = from }, platformErrors, fields)
            : new ProviderTranslation(null, platformErrors, fields);
    }
}
