using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Notifications;

/// <summary>
/// What a template or request body sees: the request's variables plus the built-ins <c>to</c>, <c>from</c>,
/// <c>channel</c>, <c>locale</c> and, for bodies, <c>message</c> (raw JSON when the message is a JSON template's output).
/// A struct so lookups on the render path allocate nothing.
/// </summary>
public readonly struct NotificationTemplateValues(
    IReadOnlyDictionary<string, string> variables,
    string to,
    string from,
    string channel,
    string locale,
    string? message = null,
    bool messageIsJson = false) : ITemplateValues
{
    public static bool IsBuiltIn(string name) => name is "to" or "from" or "channel" or "locale" or "message";

    public bool TryGetValue(string name, out string value, out bool isRawJson)
    {
        isRawJson = false;
        switch (name)
        {
            case "to":
                value = to;
                return true;
            case "from":
                value = from;
                return true;
            case "channel":
                value = channel;
                return true;
            case "locale":
                value = locale;
                return true;
            case "message" when message is not null:
                value = message;
                isRawJson = messageIsJson;
                return true;
            default:
                return variables.TryGetValue(name, out value!);
        }
    }
}
