using System.Net.Http.Headers;
using System.Text;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Delivery;

/// <summary>
/// Renders a sender's request body (PingOne's Form key/value pairs or Raw text) from the built-ins and the rendered
/// message. Form values go through the same renderer, so a JSON form value stays JSON-safe too.
/// </summary>
public sealed class ProviderRequestRenderer(TemplateCache templates)
{
    public HttpContent Render(ChannelRequestConfig config, in NotificationTemplateValues values)
    {
        if (config.BodyFormat == RequestBodyFormat.Raw)
        {
            var raw = templates.GetOrCompile(config.Raw ?? "");
            var body = raw.Render(values);
            var mediaType = raw.Kind == TemplateKind.Json ? "application/json" : "text/plain";
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            return content;
        }

        var fields = config.Form ?? [];
        var pairs = new KeyValuePair<string, string>[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            pairs[i] = new(fields[i].Key, templates.GetOrCompile(fields[i].Value).Render(values));
        }

        return new FormUrlEncodedContent(pairs);
    }
}
