using System.Text.Json;
using FunctionsSender.Core.Delivery;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Providers.Studio;
using FunctionsSender.Core.Templates;
using FunctionsSender.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.Core.Senders;

/// <summary>
/// PingOne's "Send Test SMS / Send Test Voice" (CONTRACT §3.4): renders a test message and posts it now, not queued,
/// through the same renderer and Studio client the dispatcher uses, and reports the provider's verdict.
/// </summary>
public sealed class SenderTestDelivery(
    SenderRepository senders,
    ProviderRequestRenderer requests,
    StudioExecutionClient studio,
    ILogger<SenderTestDelivery> logger)
{
    /// <summary>Shaped like an OTP notification so a Studio flow reading <c>flow.data.OTP</c> works unchanged.</summary>
    public const string TestMessage = """{"OTP":"123456","test":true}""";

    public async Task<SenderTestResult> SendAsync(string senderId, JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        string? channelText = null;
        string? toText = null;
        if (JsonObjectReader.TryCreate(body, "", errors, out var reader))
        {
            channelText = reader.ReadString("channel", required: true, maxLength: 16);
            toText = reader.ReadString("to", required: true, maxLength: 32);
        }

        var channel = NotificationChannel.Sms;
        if (channelText is not null && !NotificationChannels.TryParse(channelText, out channel))
        {
            errors.Add("channel", "Must be 'sms' or 'voice'.");
        }

        var to = "";
        if (toText is not null && !PhoneNumberFormat.TryNormalizeInternational(toText, out to))
        {
            errors.Add("to", "Must be a valid international phone number in E.164 form, such as +14155550123.");
        }

        if (!errors.IsEmpty)
        {
            return new SenderTestResult.Invalid(errors);
        }

        if (await senders.GetAsync(senderId, cancellationToken) is not { } stored)
        {
            return new SenderTestResult.NotFound();
        }

        var sender = stored.Config;
        var config = sender.RequestFor(channel);
        var from = sender.FromNumberFor(channel);
        if (config is null || from is null)
        {
            return new SenderTestResult.Invalid(ValidationErrors.Of("channel", $"Sender '{senderId}' has no number enabled for {channel.ToWire()}."));
        }

        var values = new NotificationTemplateValues(
            new Dictionary<string, string> { ["otp"] = "123456" }, to, from, channel.ToWire(), LocaleTag.Default, TestMessage, messageIsJson: true);
        ProviderResponse response;
        try
        {
            using var content = requests.Render(config, values);
            response = await studio.PostAsync(new Uri(config.Url), sender.Authorization.Username, sender.Authorization.Password ?? "", content, cancellationToken);
        }
        catch (MissingTemplateVariableException e)
        {
            return new SenderTestResult.Invalid(ValidationErrors.Of(channel.ToWire(), $"The body uses '${{{e.VariableName}}}', which a test message does not have."));
        }
        catch (HttpRequestException e) when (e.InnerException is Providers.ProviderAddressRefusedException refused)
        {
            return new SenderTestResult.Invalid(ValidationErrors.Of($"{channel.ToWire()}.url", refused.Message));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Test send through sender {SenderId} to {To}: provider unreachable ({Error})", senderId, PhoneNumberMask.Mask(to), e.GetType().Name);
            return new SenderTestResult.Unreachable();
        }

        logger.LogInformation("Test send through sender {SenderId} to {To}: provider {ProviderStatus} ({ProviderCode})",
            senderId, PhoneNumberMask.Mask(to), response.Status, response.ProviderCode);
        return new SenderTestResult.Answered(response);
    }
}

public abstract record SenderTestResult
{
    public sealed record Answered(ProviderResponse Response) : SenderTestResult;

    public sealed record Invalid(ValidationErrors Errors) : SenderTestResult;

    public sealed record NotFound : SenderTestResult;

    public sealed record Unreachable : SenderTestResult;
}
