using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsSender.IntegrationTests.Templates;

[Collection(AppCollection.Name)]
public class TemplateTests(AppFixture app)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    private async Task<string> PostAsync(string to, string template, string? locale, Dictionary<string, string> variables)
    {
        var response = await app.PostNotificationAsync(new { senderId = AppFixture.SenderId, channel = "sms", to, template, locale, variables });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_french_request_is_rendered_from_the_fr_variant_and_falls_back_by_language()
    {
        await app.PutTemplateAsync("fr_check", "sms", "default", "{\"OTP\":${otp},\"lang\":\"default\"}");
        await app.PutTemplateAsync("fr_check", "sms", "fr", "{\"OTP\":${otp},\"lang\":\"fr\"}");
        await app.PutTemplateAsync("fr_check", "sms", "fr_CA", "{\"OTP\":${otp},\"lang\":\"fr-CA\"}");
        var otp = new Dictionary<string, string> { ["otp"] = "012345" };

        await PostAsync("+14155550201", "fr_check", "fr-FR", otp);
        await PostAsync("+14155550202", "fr_check", "FR-ca", otp);
        await PostAsync("+14155550203", "fr_check", "de-DE", otp);

        Assert.Equal("{\"OTP\":\"012345\",\"lang\":\"fr\"}", (await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550201", Arrival)).Field("Parameters"));
        Assert.Equal("{\"OTP\":\"012345\",\"lang\":\"fr-CA\"}", (await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550202", Arrival)).Field("Parameters"));
        Assert.Equal("{\"OTP\":\"012345\",\"lang\":\"default\"}", (await app.Recorder.WaitForRequestAsync(r => r.Field("To") == "+14155550203", Arrival)).Field("Parameters"));
    }

    [Fact]
    public async Task A_variable_needed_by_any_variant_on_the_chain_is_required_at_intake()
    {
        await app.PutTemplateAsync("chain_vars", "sms", "default", "{\"OTP\":${otp},\"u\":${user.username}}");
        await app.PutTemplateAsync("chain_vars", "sms", "es", "{\"OTP\":${otp}}");

        var response = await app.PostNotificationAsync(new
        {
            senderId = AppFixture.SenderId, channel = "sms", to = "+14155550204", template = "chain_vars", locale = "es-ES",
            variables = new Dictionary<string, string> { ["otp"] = "1" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("variables.user.username", out _));
    }

    [Fact]
    public async Task Templates_can_be_read_listed_by_type_and_deleted()
    {
        await app.PutTemplateAsync("admin_tpl", "sms", "default", "Code ${otp}");
        await app.PutTemplateAsync("admin_tpl", "voice", "en_us", "Your code is ${otp}");

        var one = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/templates/admin_tpl/voice/en-US");
        Assert.Equal("en-US", one.GetProperty("locale").GetString());
        Assert.Equal("Your code is ${otp}", one.GetProperty("message").GetString());

        var list = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/templates?type=admin_tpl");
        Assert.Equal(2, list.GetProperty("templates").GetArrayLength());
        Assert.All(list.GetProperty("templates").EnumerateArray(), t => Assert.Equal("admin_tpl", t.GetProperty("type").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync("/api/v1/templates/admin_tpl/voice/en-US")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/templates/admin_tpl/voice/en-US")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.DeleteAsync("/api/v1/templates/admin_tpl/voice/en-US")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/v1/templates/admin_tpl/fax/en-US")).StatusCode);
    }

    [Fact]
    public async Task A_put_answers_201_then_200()
    {
        var first = await app.Client.PutAsJsonAsync("/api/v1/templates/status_tpl/sms/default", new { message = "{\"OTP\":${otp}}" });
        var second = await app.Client.PutAsJsonAsync("/api/v1/templates/status_tpl/sms/default", new { message = "{\"OTP\":${otp}}" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task An_oversized_rendered_message_is_a_recorded_failure_not_a_provider_call()
    {
        var names = Enumerable.Range(0, 32).Select(i => $"v{i}").ToArray();
        await app.PutTemplateAsync("huge_json", "sms", "default", "{" + string.Join(",", names.Select(n => $"\"{n}\":${{{n}}}")) + "}");
        await app.PutTemplateAsync("huge_text", "sms", "default", string.Join(" ", names.Take(4).Select(n => $"${{{n}}}")));
        var values = names.ToDictionary(n => n, _ => new string('x', 512));

        var jsonId = await PostAsync("+14155550205", "huge_json", null, values);
        var textId = await PostAsync("+14155550206", "huge_text", null, values.Take(4).ToDictionary());

        var json = await app.WaitForTerminalStatusAsync(jsonId);
        var text = await app.WaitForTerminalStatusAsync(textId);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal("parameters_too_large", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("failed", text.GetProperty("status").GetString());
        Assert.Equal("message_too_long", text.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(app.Recorder.Requests, r => r.Field("To") is "+14155550205" or "+14155550206");
    }
}
