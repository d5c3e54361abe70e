using System.ComponentModel.DataAnnotations;

namespace FunctionsSender.Core;

/// <summary>Settings under <c>FunctionsSender</c> (CONTRACT §4); validated at start-up so a bad value fails at once.</summary>
public sealed class FunctionsSenderOptions : IValidatableObject
{
    public const string SectionName = "FunctionsSender";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string QueueName { get; set; } = "otp-notifications";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string RequestQueueName { get; set; } = "otp-requests";

    [Range(1, 86_400)]
    public int DefaultExpirySeconds { get; set; } = 300;

    [Range(1, 86_400)]
    public int MaxExpirySeconds { get; set; } = 3600;

    /// <summary>Base64 of 32 bytes; encrypts sender passwords at rest.</summary>
    [Required]
    public string SecretKey { get; set; } = "";

    /// <summary>Optional: the key being rotated out. Passwords it sealed still decrypt; every write uses <see cref="SecretKey"/>.</summary>
    public string? PreviousSecretKey { get; set; }

    public string AllowedProviderHosts { get; set; } = "studio.twilio.com";

    public bool AllowInsecureProviderUrls { get; set; }

    [Range(1, 1_000_000)]
    public int MaxPerDestination { get; set; } = 5;

    [Range(1, 86_400)]
    public int DestinationWindowSeconds { get; set; } = 600;

    /// <summary>Pumping guard: notifications one sender may send to one country calling code per window.</summary>
    [Range(1, 10_000_000)]
    public int MaxPerCountryPerWindow { get; set; } = 1000;

    [Range(1, 86_400)]
    public int CountryWindowSeconds { get; set; } = 3600;

    /// <summary>How long the dispatcher trusts a cached sender or template before reading it again.</summary>
    [Range(0, 300)]
    public int ConfigCacheSeconds { get; set; } = 5;

    /// <summary>How long one POST to a provider may take before it is abandoned and retried.</summary>
    [Range(1, 120)]
    public int ProviderAttemptTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries inside one dispatch, before the message goes back to the queue.</summary>
    [Range(0, 10)]
    public int ProviderRetryAttempts { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially with jitter, and a <c>Retry-After</c> wins.</summary>
    [Range(1, 60_000)]
    public int ProviderRetryDelayMilliseconds { get; set; } = 500;

    /// <summary>
    /// When a failed message becomes visible again: keep equal to host.json's <c>visibilityTimeout</c>. A notification
    /// that would expire before its redelivery is recorded <c>expired</c> at once instead of vanishing with its message.
    /// </summary>
    [Range(0, 3600)]
    public int RedeliveryDelaySeconds { get; set; } = 5;

    public IReadOnlyList<string> AllowedProviderHostList =>
        AllowedProviderHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultExpirySeconds > MaxExpirySeconds)
        {
            yield return new ValidationResult(
                "DefaultExpirySeconds must not exceed MaxExpirySeconds.",
                [nameof(DefaultExpirySeconds), nameof(MaxExpirySeconds)]);
        }

        if (!string.IsNullOrEmpty(PreviousSecretKey) && !SecretKeyIsValid(PreviousSecretKey))
        {
            yield return new ValidationResult(
                "FunctionsSender:PreviousSecretKey, when set, must be the Base64 encoding of exactly 32 bytes.",
                [nameof(PreviousSecretKey)]);
        }

        if (!SecretKeyIsValid(SecretKey))
        {
            yield return new ValidationResult(
                "FunctionsSender:SecretKey must be the Base64 encoding of exactly 32 random bytes (e.g. `openssl rand -base64 32`).",
                [nameof(SecretKey)]);
        }
    }

    private static bool SecretKeyIsValid(string? value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value ?? "", buffer, out var written) && written == 32;
    }
}
