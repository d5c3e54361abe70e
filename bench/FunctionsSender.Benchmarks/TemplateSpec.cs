namespace FunctionsSender.Benchmarks;

/// <summary>The same JSON template in each engine's syntax, plus its values.</summary>
internal sealed record TemplateSpec(string Source, string LiquidSource, string HandlebarsSource, string NaiveSource, Dictionary<string, string> Values)
{
    public static TemplateSpec For(int variables) => variables switch
    {
        3 => new TemplateSpec(
            """{"OTP":${otp}, "username":${user.username}, "app":${app}}""",
            """{"OTP":"{{ otp }}", "username":"{{ user.username }}", "app":"{{ app }}"}""",
            """{"OTP":"{{otp}}", "username":"{{user.username}}", "app":"{{app}}"}""",
            """{"OTP":"${otp}", "username":"${user.username}", "app":"${app}"}""",
            new(StringComparer.Ordinal)
            {
                ["otp"] = "012345",
                ["user.username"] = "jane \"JD\" doe",
                ["app"] = "Contoso Bank",
            }),
        8 => new TemplateSpec(
            """{"OTP":${otp}, "username":${user.username}, "app":${app}, "message":"Your ${app} code is ${otp}. It expires in ${expiresInMinutes} minutes.", "locale":${user.locale}, "channel":${channel}, "requestId":${requestId}, "support":${supportUrl}}""",
            """{"OTP":"{{ otp }}", "username":"{{ user.username }}", "app":"{{ app }}", "message":"Your {{ app }} code is {{ otp }}. It expires in {{ expiresInMinutes }} minutes.", "locale":"{{ user.locale }}", "channel":"{{ channel }}", "requestId":"{{ requestId }}", "support":"{{ supportUrl }}"}""",
            """{"OTP":"{{otp}}", "username":"{{user.username}}", "app":"{{app}}", "message":"Your {{app}} code is {{otp}}. It expires in {{expiresInMinutes}} minutes.", "locale":"{{user.locale}}", "channel":"{{channel}}", "requestId":"{{requestId}}", "support":"{{supportUrl}}"}""",
            """{"OTP":"${otp}", "username":"${user.username}", "app":"${app}", "message":"Your ${app} code is ${otp}. It expires in ${expiresInMinutes} minutes.", "locale":"${user.locale}", "channel":"${channel}", "requestId":"${requestId}", "support":"${supportUrl}"}""",
            new(StringComparer.Ordinal)
            {
                ["otp"] = "012345",
                ["user.username"] = "jane \"JD\" doe",
                ["app"] = "Contoso Bank",
                ["expiresInMinutes"] = "10",
                ["user.locale"] = "fr-CA",
                ["channel"] = "sms",
                ["requestId"] = "5f0c6a2e-8d1b-4c3e-9a77-2b9e41d0c8aa",
                ["supportUrl"] = "https://contoso.example/help?topic=otp",
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(variables), variables, "3 or 8"),
    };

    /// <summary>Turns dotted keys (user.username) into nested dictionaries for Liquid/Handlebars member access.</summary>
    public static Dictionary<string, object> ToNestedModel(Dictionary<string, string> values)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var node = root;
            var parts = key.Split('.');
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child))
                {
                    child = new Dictionary<string, object>(StringComparer.Ordinal);
                    node[parts[i]] = child;
                }

                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value;
        }

        return root;
    }
}
