using System.Security.Cryptography;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Secrets;

/// <summary>
/// At start-up, opens one stored sender password with the configured keys, so a wrong <c>SecretKey</c> stops the app
/// at once with a clear message instead of failing every delivery later. Unreachable storage only warns: the app
/// must still start (and answer 503) while storage is down.
/// </summary>
public sealed class SecretKeyCheck(SenderRepository senders, ILogger<SecretKeyCheck> logger) : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await senders.ListAsync(1, null, timeout.Token);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                "FunctionsSender:SecretKey does not open the sender passwords stored in table 'senders'. Set the key they were " +
                "saved with, or during a rotation set the old one as FunctionsSender:PreviousSecretKey (see README, 'Rotating SecretKey').");
        }
        catch (Exception e) when (e is OperationCanceledException || StorageFailures.IsUnavailable(e))
        {
            logger.LogWarning("Could not check SecretKey against stored senders: storage did not answer within {Timeout}", Timeout);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
