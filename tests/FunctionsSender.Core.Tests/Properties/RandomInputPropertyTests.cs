using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using FunctionsSender.Core.Notifications;
using FunctionsSender.Core.Phones;
using FunctionsSender.Core.Senders;
using FunctionsSender.Core.Templates;

namespace FunctionsSender.Core.Tests.Properties;

/// <summary>Random input never escapes as an unhandled exception: each component answers with its own verdict.</summary>
public class RandomInputPropertyTests
{
    // Characters that matter to the parsers, mixed with arbitrary ones.
    private static readonly Gen<string> Fragments = Gen.OneOf(
        Gen.String,
        Gen.Char["${}\"\\:,[] \n\tabcotp.-_0123456789+é\u2028\uD800"].Array[0, 60].Select(c => new string(c)),
        Gen.Const("${otp}"), Gen.Const("{\"a\":"), Gen.Const("\"${x}\""), Gen.Const("${"));

    private static readonly Gen<string> Templates = Fragments.Array[0, 8].Select(parts => string.Concat(parts));

    [Fact]
    public void The_renderer_only_ever_refuses_with_its_own_exceptions_and_json_output_is_an_object()
    {
        Gen.Select(Templates, Gen.Dictionary(Gen.String[0, 10], Gen.String)[0, 6]).Sample((source, values) =>
        {
            CompiledTemplate compiled;
            try
            {
                compiled = CompiledTemplate.Compile(source);
            }
            catch (TemplateSyntaxException)
            {
                return;
            }

            var all = compiled.VariableNames.ToDictionary(n => n, n => values.GetValueOrDefault(n) ?? n);
            var output = compiled.Render(all);
            if (compiled.Kind == TemplateKind.Json)
            {
                using var document = JsonDocument.Parse(output);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            }

            if (compiled.VariableNames.Count > 0)
            {
                Assert.Throws<MissingTemplateVariableException>(() => compiled.Render(new Dictionary<string, string>()));
            }
        }, iter: 3000);
    }

    [Fact]
    public void Number_validation_never_throws()
    {
        var numbers = Gen.OneOf(Gen.String, Gen.Char["+0123456789 -()x"].Array[0, 40].Select(c => new string(c)));
        numbers.Sample(text =>
        {
            if (PhoneNumberFormat.TryNormalizeInternational(text, out var e164))
            {
                Assert.StartsWith("+", e164, StringComparison.Ordinal);
                Assert.True(PhoneNumberFormat.TryNormalizeInternational(e164, out var again) && again == e164);
            }

            PhoneNumberFormat.IsUsTollFree(text, out _);
            Assert.Equal((text ?? "").Length, PhoneNumberMask.Mask(text).Length);
        }, iter: 3000);
    }

    private static readonly Gen<JsonNode?> Values = Gen.OneOf<JsonNode?>(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const(() => (JsonNode?)null),
        Gen.Int[0, 7].Select(i => (JsonNode?)JsonValue.Create(new[] { "sms", "voice", "+14155550123", "14155550123", "studio", "en_US", "default", "012345" }[i])),
        Gen.String.Array[0, 3].Select(a => (JsonNode?)new JsonArray(a.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray())),
        Gen.Dictionary(Gen.String[0, 8], Gen.String)[0, 4].Select(d => (JsonNode?)new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))))));

    private static readonly string[] Keys =
    [
        "senderId", "channel", "to", "template", "message", "locale", "variables", "expiresInSeconds", "id",
        "name", "authorization", "numbers", "sms", "voice", "fallbackSenderId", "allowedCountries", "maxRequestsPerSecond",
    ];

    private static readonly Gen<JsonObject> Bodies = Gen.Select(Gen.Int[0, Keys.Length - 1], Values).Array[0, 12].Select(fields =>
    {
        var body = new JsonObject();
        foreach (var (key, value) in fields)
        {
            body[Keys[key]] = value?.DeepClone();
        }

        return body;
    });

    [Fact]
    public void The_request_validators_answer_every_random_body_without_throwing()
    {
        var notifications = new NotificationRequestValidator(TestOptions.Create());
        var senders = new SenderConfigValidator(TestOptions.Create());
        Bodies.Sample(body =>
        {
            using var document = JsonDocument.Parse(body.ToJsonString());
            var accepted = notifications.TryValidate(document.RootElement, out var request, out var errors, allowId: true);
            Assert.Equal(accepted, errors.IsEmpty);
            Assert.Equal(accepted, request is not null);
            senders.TryValidate("random", document.RootElement, out _, out _);
        }, iter: 3000);
    }
}
