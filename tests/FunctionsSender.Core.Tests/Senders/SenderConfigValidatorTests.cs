using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsSender.Core.Senders;

namespace FunctionsSender.Core.Tests.Senders;

public class SenderConfigValidatorTests
{
    private readonly SenderConfigValidator _validator = new(TestOptions.Create());

    private const string Valid = """
        {
          "name": "Twilio Studio (production)",
          "authorization": { "type": "basic", "username": "ACxxxxxxxx", "password": "auth-token" },
          "numbers": [
            { "type": "standard",  "number": "+14155550100", "sms": true, "voice": true },
            { "type": "tollFree",  "number": "+18005550100", "sms": true, "voice": false },
            { "type": "shortCode", "number": "55555",        "sms": true, "voice": false }
          ],
          "sms": {
            "method": "POST",
            "url": "https://studio.twilio.com/v2/Flows/FWxxxxxxxx/Executions",
            "bodyFormat": "form",
            "form": [ { "key": "From", "value": "${from}" }, { "key": "To", "value": "${to}" },
                      { "key": "Parameters", "value": "${message}" } ],
            "raw": "dropped when the format is form"
          },
          "voice": { "method": "POST", "url": "https://studio.twilio.com/v2/Flows/FWyyyy/Executions", "bodyFormat": "raw",
                     "raw": "{\"to\":\"${to}\",\"msg\":${message}}", "form": [ { "key": "dropped", "value": "x" } ] }
        }
        """;

    private static JsonElement Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        change(node);
        return JsonDocument.Parse(node.ToJsonString()).RootElement;
    }

    [Fact]
    public void Accepts_the_contract_example_and_drops_the_other_body_format()
    {
        Assert.True(_validator.TryValidate("twilio-prod", JsonDocument.Parse(Valid).RootElement, out var config, out var errors), errors.ToString());
        Assert.Equal(3, config!.Numbers.Count);
        Assert.Null(config.Sms!.Raw);
        Assert.Equal(3, config.Sms.Form!.Count);
        Assert.Null(config.Voice!.Form);
        Assert.Equal(RequestBodyFormat.Raw, config.Voice.BodyFormat);
        Assert.Equal("+14155550100", config.FromNumberFor(FunctionsSender.Core.Notifications.NotificationChannel.Voice));
    }

    [Theory]
    [InlineData("sms", "+18005550100", "+18005550100")]
    [InlineData("sms", "55555", "55555")]
    [InlineData("voice", "+18005550100", "+14155550100")]
    [InlineData("sms", "+14155550199", "+14155550100")]
    [InlineData("sms", null, "+14155550100")]
    public void A_requested_from_is_used_only_when_it_is_the_senders_number_for_the_channel(string channel, string? preferred, string expected)
    {
        Assert.True(_validator.TryValidate("twilio-prod", JsonDocument.Parse(Valid).RootElement, out var config, out _));
        var parsed = channel == "voice" ? FunctionsSender.Core.Notifications.NotificationChannel.Voice : FunctionsSender.Core.Notifications.NotificationChannel.Sms;
        Assert.Equal(expected, config!.FromNumberFor(parsed, preferred));
    }

    [Theory]
    [InlineData("standard", "+14155550100", true)]
    [InlineData("standard", "+447911123456", true)]
    [InlineData("standard", "+33612345678", true)]
    [InlineData("standard", "+4915112345678", true)]
    [InlineData("standard", "14155550100", false)]
    [InlineData("standard", "+1415555", false)]
    [InlineData("tollFree", "+18005550100", true)]
    [InlineData("tollFree", "+18335550100", true)]
    [InlineData("tollFree", "+14155550100", false)]
    [InlineData("tollFree", "+448001111111", false)]
    [InlineData("shortCode", "1234", false)]
    [InlineData("shortCode", "12345", true)]
    [InlineData("shortCode", "123456", true)]
    [InlineData("shortCode", "1234567", false)]
    [InlineData("shortCode", "12a45", false)]
    public void Checks_each_number_by_its_type(string type, string number, bool valid)
    {
        var body = Mutate(o => o["numbers"] = new JsonArray(new JsonObject { ["type"] = type, ["number"] = number, ["sms"] = true, ["voice"] = true }));
        _validator.TryValidate("s", body, out _, out var errors);
        Assert.Equal(valid, !errors.Contains("numbers[0].number"));
    }

    [Fact]
    public void Names_every_bad_field_at_once()
    {
        var body = Mutate(o =>
        {
            o["numbers"]![1]!["number"] = "+14155550100";
            o["numbers"]![2]!["sms"] = false;
            o["sms"]!["url"] = "https://evil.example.com/v2/Flows/FW1/Executions";
            o["sms"]!["method"] = "GET";
            o["authorization"]!["username"] = null;
        });
        Assert.False(_validator.TryValidate("s", body, out _, out var errors));
        foreach (var path in new[] { "numbers[1].number", "numbers[2].sms", "sms.url", "sms.method", "authorization.username" })
        {
            Assert.True(errors.Contains(path), $"missing {path} in {errors}");
        }
    }

    [Fact]
    public void Requires_a_channel_config_exactly_when_a_number_enables_it()
    {
        Assert.False(_validator.TryValidate("s", Mutate(o => o.Remove("voice")), out _, out var errors));
        Assert.True(errors.Contains("voice"));

        var noVoice = Mutate(o => o["numbers"] = new JsonArray(new JsonObject { ["type"] = "standard", ["number"] = "+14155550100", ["sms"] = true }));
        Assert.False(_validator.TryValidate("s", noVoice, out _, out errors));
        Assert.True(errors.Contains("voice"));
    }

    [Fact]
    public void Requires_to_and_message_in_the_body()
    {
        var body = Mutate(o => o["sms"]!["form"] = new JsonArray(new JsonObject { ["key"] = "To", ["value"] = "${to}" }));
        Assert.False(_validator.TryValidate("s", body, out _, out var errors));
        Assert.True(errors.Contains("sms.form"));
    }

    [Fact]
    public void Allows_loopback_http_only_when_insecure_urls_are_allowed()
    {
        var body = Mutate(o => o["sms"]!["url"] = "http://127.0.0.1:5055/v2/Flows/FW1/Executions");
        Assert.False(_validator.TryValidate("s", body, out _, out var errors));
        Assert.True(errors.Contains("sms.url"));

        var insecure = new SenderConfigValidator(TestOptions.Create(o => o.AllowInsecureProviderUrls = true));
        Assert.True(insecure.TryValidate("s", body, out _, out errors), errors.ToString());
    }
}
