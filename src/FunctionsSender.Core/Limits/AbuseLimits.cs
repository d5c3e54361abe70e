using System.Collections.Concurrent;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Secrets;
using FunctionsSender.Core.Senders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FunctionsSender.Core.Limits;

/// <summary>
/// The intake's abuse controls, shared across instances through <see cref="WindowCounter"/>:
/// at most <c>MaxPerDestination</c> notifications per number per <c>DestinationWindowSeconds</c>, and a velocity guard
/// per sender and country calling code (<c>MaxPerCountryPerWindow</c> per <c>CountryWindowSeconds</c>) against SMS
/// pumping — a burst to premium ranges of one country trips it long before it costs much.
/// </summary>
public sealed class AbuseLimits(
    WindowCounter counters,
    KeyedHasher hasher,
    IOptions<FunctionsSenderOptions> options,
    ILogger<AbuseLimits> logger)
{
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    private readonly ConcurrentDictionary<string, DateTimeOffset> _warned = new();

    /// <returns>Null when allowed; otherwise how long to wait and why.</returns>
    public async Task<RateLimitDecision?> CheckAsync(NotificationRequest request, SenderConfig sender, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var destination = await counters.TryIncrementAsync(
            "dest-" + hasher.Hash("destination", request.To),
            settings.MaxPerDestination,
            TimeSpan.FromSeconds(settings.DestinationWindowSeconds),
            cancellationToken,
            likelyNew: true); // most numbers get one code per window
        if (!destination.Allowed)
        {
            logger.LogInformation("Destination {To} is over its limit of {Limit} per {Window} s", PhoneNumberMask.Mask(request.To), settings.MaxPerDestination, settings.DestinationWindowSeconds);
            return new RateLimitDecision("destination", destination.RetryAfter);
        }

        var callingCode = CallingCodeOf(request.To);
        var limit = sender.MaxPerCountryPerWindow ?? settings.MaxPerCountryPerWindow;

        // One counter row per sender and country would be a hot spot every instance fights over, so large limits are
        // spread over shards of about 100, each with its share of the limit: the guard may trip a little early, never late.
        var shards = Math.Clamp(limit / 100, 1, 16);
        var shard = shards == 1 ? 0 : Random.Shared.Next(shards);
        var country = await counters.TryIncrementAsync(
            $"cc-{request.SenderId}-{callingCode}-{shard}",
            (limit + shards - 1) / shards,
            TimeSpan.FromSeconds(settings.CountryWindowSeconds),
            cancellationToken);
        if (!country.Allowed)
        {
            var window = DateTimeOffset.UtcNow + country.RetryAfter;
            var key = $"{request.SenderId}-{callingCode}";
            if (!_warned.TryGetValue(key, out var until) || until < DateTimeOffset.UtcNow)
            {
                _warned[key] = window;
                logger.LogWarning(
                    "Possible SMS pumping: sender {SenderId} reached {Limit} notifications to calling code +{CallingCode} within {Window} s; refusing more until the window ends",
                    request.SenderId, limit, callingCode, settings.CountryWindowSeconds);
            }

            return new RateLimitDecision("country", country.RetryAfter);
        }

        return null;
    }

    private static int CallingCodeOf(string e164)
    {
        try
        {
            return PhoneUtil.Parse(e164, null).CountryCode;
        }
        catch (NumberParseException)
        {
            return 0;
        }
    }
}

/// <summary>Which limit refused (<c>destination</c> or <c>country</c>) and when to try again.</summary>
public sealed record RateLimitDecision(string Limit, TimeSpan RetryAfter);
