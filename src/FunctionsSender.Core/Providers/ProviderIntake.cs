using FunctionsSender.Core.Notifications;

namespace FunctionsSender.Core.Providers;

/// <summary>
/// Hands a translated platform request to <see cref="NotificationIntake"/> — the same acceptance path (sender, template
/// and variable checks, idempotency, status record, queue) as the native route — and renames its refusals to the
/// platform's field names.
/// </summary>
public sealed class ProviderIntake(NotificationIntake intake)
{
    public async Task<IntakeResult> AcceptAsync(ProviderTranslation translation, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (translation.Request is null)
        {
            return new IntakeResult.Invalid(translation.Errors);
        }

        var result = await intake.AcceptAsync(translation.Request, idempotencyKey, cancellationToken);
        return result is IntakeResult.Invalid invalid
            ? new IntakeResult.Invalid(translation.Fields.ToPlatform(invalid.Errors))
            : result;
    }
}
