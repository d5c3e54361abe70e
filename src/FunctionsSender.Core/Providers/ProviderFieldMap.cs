using FunctionsSender.Core.Validation;

namespace FunctionsSender.Core.Providers;

/// <summary>
/// Renames the native request's field paths (CONTRACT §3.1: <c>to</c>, <c>variables.otp</c>, …) to the upstream
/// platform's own field names, so a refusal names the field the platform's administrator actually configured.
/// Paths without a mapping are kept as they are.
/// </summary>
public sealed class ProviderFieldMap(IReadOnlyDictionary<string, string> map)
{
    public string ToPlatform(string nativePath) => map.TryGetValue(nativePath, out var mapped) ? mapped : nativePath;

    /// <summary>Adds <paramref name="native"/>'s errors to <paramref name="target"/> under platform names, skipping paths it already names.</summary>
    public void AddTo(ValidationErrors target, ValidationErrors native)
    {
        var alreadyNamed = target.ToDictionary().Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (path, messages) in native.ToDictionary())
        {
            var platformPath = ToPlatform(path);
            if (alreadyNamed.Contains(platformPath))
            {
                continue;
            }

            foreach (var message in messages)
            {
                target.Add(platformPath, message);
            }
        }
    }

    public ValidationErrors ToPlatform(ValidationErrors native)
    {
        var errors = new ValidationErrors();
        AddTo(errors, native);
        return errors;
    }
}
