using System.Text.Json;
using Azure;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Senders;

/// <summary>The admin API's sender operations (CONTRACT §3.3): validate, store with optimistic concurrency, refresh the cache.</summary>
public sealed class SenderAdministration(
    SenderConfigValidator validator,
    SenderRepository repository,
    SenderCatalog catalog,
    ILogger<SenderAdministration> logger)
{
    public async Task<SenderPutResult> PutAsync(string senderId, JsonElement body, ETag? ifMatch, CancellationToken cancellationToken)
    {
        if (!validator.TryValidate(senderId, body, out var config, out var errors))
        {
            return new SenderPutResult.Invalid(errors);
        }

        var result = await repository.SaveAsync(config!, ifMatch, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.PreconditionFailed:
                return new SenderPutResult.PreconditionFailed();
            case SaveOutcome.PasswordRequired:
                return new SenderPutResult.Invalid(ValidationErrors.Of("authorization.password", "Is required for a new sender."));
            default:
                catalog.Forget(senderId);
                logger.LogInformation("Sender {SenderId} {Action}", senderId, result.Created ? "created" : "updated");
                return new SenderPutResult.Saved(SenderView.From(config!), result.Created, result.ETag);
        }
    }

    public async Task<(IReadOnlyList<SenderView> Senders, string? ContinuationToken)> ListAsync(
        int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var (page, next) = await repository.ListAsync(pageSize, continuationToken, cancellationToken);
        return (page.Select(s => SenderView.From(s.Config)).ToList(), next);
    }

    public async Task<DeleteOutcome> DeleteAsync(string senderId, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var outcome = await repository.DeleteAsync(senderId, ifMatch, cancellationToken);
        catalog.Forget(senderId);
        if (outcome == DeleteOutcome.Deleted)
        {
            logger.LogInformation("Sender {SenderId} deleted", senderId);
        }

        return outcome;
    }

    public async Task<(SenderView View, ETag ETag)?> GetAsync(string senderId, CancellationToken cancellationToken) =>
        await repository.GetAsync(senderId, cancellationToken) is { } stored ? (SenderView.From(stored.Config), stored.ETag) : null;
}

public abstract record SenderPutResult
{
    public sealed record Saved(SenderView View, bool Created, ETag ETag) : SenderPutResult;

    public sealed record Invalid(ValidationErrors Errors) : SenderPutResult;

    public sealed record PreconditionFailed : SenderPutResult;
}
