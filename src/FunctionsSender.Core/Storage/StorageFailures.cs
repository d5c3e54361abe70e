using Azure;

namespace FunctionsSender.Core.Storage;

/// <summary>Tells an unreachable or failing storage service (answer 503, retry later) from our own bugs.</summary>
public static class StorageFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status == 0 || e.Status >= 500 || e.Status == 408,
        HttpRequestException => true,
        // Identity-based storage: no token (identity endpoint down or the identity missing) means storage is out of reach.
        Azure.Identity.AuthenticationFailedException => true,
        AggregateException e => e.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
