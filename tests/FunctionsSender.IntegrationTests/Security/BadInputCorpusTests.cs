using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace FunctionsSender.IntegrationTests.Security;

/// <summary>
/// Hostile and malformed requests across every route: each must get a 4xx answer in the route's error shape
/// (problem+json; Okta's error object on the Okta route), never a 5xx, and nothing may be recorded, enqueued or sent.
/// </summary>
[Collection(AppCollection.Name)]
public class BadInputCorpusTests(AppFixture app, ITestOutputHelper output)
{
    /// <param name="HostLevel">Paths the host's router or Kestrel refuse before any function runs (as Azure's front end
    /// does): these must be 4xx, and problem+json whenever they carry a body.</param>
    private sealed record Case(string Name, HttpMethod Method, string Path, string? ContentType, byte[]? Body, bool OktaShape = false, bool HostLevel = false);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly string Deep = new string('[', 200) + new string(']', 200);
    private static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
    private static readonly string Huge = "{\"message\":\"" + new string('x', 70_000) + "\"}";

    /// <summary>Bodies that are wrong for every JSON route.</summary>
    private static IEnumerable<(string Name, string? ContentType, byte[]? Body)> HostileBodies()
    {
        const string json = "application/json";
        yield return ("empty body", json, []);
        yield return ("truncated object", json, Utf8("{"));
        yield return ("truncated member", json, Utf8("{\"senderId\":"));
        yield return ("trailing garbage", json, Utf8("{} x"));
        yield return ("array", json, Utf8("[]"));
        yield return ("string", json, Utf8("\"hello\""));
        yield return ("number", json, Utf8("123"));
        yield return ("null", json, Utf8("null"));
        yield return ("single quotes", json, Utf8("{'to':'+14155550123'}"));
        yield return ("comment", json, Utf8("/* x */ {}"));
        yield return ("deep array", json, Utf8(Deep));
        yield return ("deep object", json, Utf8(DeepObject));
        yield return ("70 KB body", json, Utf8(Huge));
        yield return ("invalid UTF-8", json, [.. Utf8("{\"to\":\""), 0xFF, 0xFE, 0xC3, .. Utf8("\"}")]);
        yield return ("lone surrogate escape", json, Utf8("{\"to\":\"\\uD800\",\"message\":\"\\uDFFF\"}"));
        yield return ("NUL in value", json, Utf8("{\"to\":\"+1415\\u0000555\",\"senderId\":\"a\\u0000b\"}"));
        yield return ("BOM then garbage", json, [0xEF, 0xBB, 0xBF, .. Utf8("garbage")]);
        yield return ("wrong types everywhere", json, Utf8("{\"senderId\":1,\"channel\":true,\"to\":[],\"template\":{},\"message\":2,\"locale\":3,\"variables\":\"x\",\"expiresInSeconds\":\"9\",\"name\":5,\"numbers\":{},\"authorization\":[],\"recipient\":7,\"data\":[],\"notification\":1}"));
        yield return ("10 KB identifiers", json, Utf8("{\"senderId\":\"" + new string('a', 10_000) + "\",\"to\":\"" + new string('9', 10_000) + "\"}"));
        yield return ("text/plain", "text/plain", Utf8("{\"senderId\":\"studio\"}"));
        yield return ("xml", "application/xml", Utf8("<notification><to>+14155550123</to></notification>"));
        yield return ("no content type", null, Utf8("{}"));
        yield return ("multipart", "multipart/form-data; boundary=x", Utf8("--x\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n+1\r\n--x--"));
    }

    /// <summary>Bodies that are wrong for the native intake's fields (other routes read other keys, so there they may be fine).</summary>
    private static IEnumerable<(string Name, string? ContentType, byte[]? Body)> NativeHostileBodies()
    {
        const string json = "application/json";
        yield return ("SQL injection", json, Utf8("{\"senderId\":\"'; DROP TABLE senders;--\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"x\",\"recipient\":\"' OR 1=1\",\"data\":{}}"));
        yield return ("script injection", json, Utf8("{\"senderId\":\"<script>alert(1)</script>\",\"channel\":\"<img src=x>\",\"to\":\"javascript:alert(1)\"}"));
        yield return ("log4shell string", json, Utf8("{\"senderId\":\"${jndi:ldap://x/a}\",\"to\":\"${jndi:ldap://x/a}\",\"message\":\"${jndi:ldap://x/a}\"}"));
        yield return ("path traversal values", json, Utf8("{\"senderId\":\"../../etc/passwd\",\"template\":\"..\\\\..\\\\win.ini\",\"to\":\"+14155550123\"}"));
        yield return ("huge numbers", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"x\",\"expiresInSeconds\":1e400}"));
        yield return ("fractional expiry", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"x\",\"expiresInSeconds\":1.5}"));
        yield return ("too many variables", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"template\":\"t\",\"variables\":{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"v{i}\":\"x\"")) + "}}"));
        yield return ("sender id with quote", json, Utf8("{\"senderId\":\"a'b\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"x\"}"));
        yield return ("premium-rate number", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+1900\",\"message\":\"x\"}"));
        yield return ("locale injection", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"message\":\"x\",\"locale\":\"en-US'; --\"}"));
        yield return ("variable name injection", json, Utf8("{\"senderId\":\"studio\",\"channel\":\"sms\",\"to\":\"+14155550123\",\"template\":\"t\",\"variables\":{\"${otp}\":\"x\"}}"));
    }

    private static IEnumerable<Case> Cases()
    {
        foreach (var (name, contentType, body) in NativeHostileBodies())
        {
            yield return new Case($"POST /api/v1/notifications: {name}", HttpMethod.Post, "/api/v1/notifications", contentType, body);
        }

        var bodyRoutes = new (string Path, HttpMethod Method, bool Okta)[]
        {
            ("/api/v1/notifications", HttpMethod.Post, false),
            ($"/api/v1/providers/pingone/{AppFixture.SenderId}", HttpMethod.Post, false),
            ($"/api/v1/providers/okta/{AppFixture.SenderId}", HttpMethod.Post, true),
            ($"/api/v1/providers/auth0/{AppFixture.SenderId}", HttpMethod.Post, false),
            ("/api/v1/senders/corpus-sender", HttpMethod.Put, false),
            ($"/api/v1/senders/{AppFixture.SenderId}/test", HttpMethod.Post, false),
            ("/api/v1/templates/corpus_tpl/sms/default", HttpMethod.Put, false),
        };

        foreach (var route in bodyRoutes)
        {
            foreach (var (name, contentType, body) in HostileBodies())
            {
                // PingOne also takes form bodies: a form body of garbage is its own case below.
                yield return new Case($"{route.Method} {route.Path}: {name}", route.Method, route.Path, contentType, body, route.Okta);
            }
        }

        var pingOneForms = new[]
        {
            "", "to=", "message=x", "to=%2B14155550123", "to=%2B14155550123&message=", "to=not-a-number&message=hi",
            "to=%2B14155550123&message=%7B%22OTP%22%3A012", "%%%=%%%", "to=%2B14155550123&message=x&locale=%00", "to[]=1&message[]=2",
            "to=%2B1900&message=x", "to=%2B14155550123&message=x&locale=en-US%27%3B", "message=%7B%7D",
        };
        foreach (var form in pingOneForms)
        {
            yield return new Case($"PingOne form '{form}'", HttpMethod.Post, $"/api/v1/providers/pingone/{AppFixture.SenderId}", "application/x-www-form-urlencoded", Utf8(form));
        }

        var queries = new[] { "?channel=fax", "?channel=SMS%00", "?template=..%2F..%2Fx", "?template=%3Cscript%3E", "?channel=sms&template=" + new string('a', 100) };
        foreach (var query in queries)
        {
            yield return new Case($"PingOne query {query}", HttpMethod.Post, $"/api/v1/providers/pingone/{AppFixture.SenderId}{query}", "application/json",
                Utf8("{\"to\":\"+14155550123\",\"message\":\"{\\\"OTP\\\":\\\"1\\\"}\"}"));
        }

        var ids = new (string Id, bool HostLevel)[]
        {
            ("..%2F..%2Fsenders", false), ("%2E%2E", true), ("a%00b", true), ("id%20with%20space", false), ("%27%3B--", false), ("%3Cscript%3E", false),
            (new string('a', 65), false), ("%C3%A9t%C3%A9", false), ("a*b", false), ("%25", false), ("UPPER", false), ("a%27b", false),
        };
        foreach (var (id, hostLevel) in ids)
        {
            yield return new Case($"status of '{id}'", HttpMethod.Get, $"/api/v1/notifications/{id}", null, null, HostLevel: hostLevel);
            yield return new Case($"get sender '{id}'", HttpMethod.Get, $"/api/v1/senders/{id}", null, null, HostLevel: hostLevel);
            yield return new Case($"delete sender '{id}'", HttpMethod.Delete, $"/api/v1/senders/{id}", null, null, HostLevel: hostLevel);
            yield return new Case($"test sender '{id}'", HttpMethod.Post, $"/api/v1/senders/{id}/test", "application/json", Utf8("{\"channel\":\"sms\",\"to\":\"+14155550123\"}"), HostLevel: hostLevel);
            yield return new Case($"get template '{id}'", HttpMethod.Get, $"/api/v1/templates/{id}/sms/default", null, null, HostLevel: hostLevel);
            yield return new Case($"delete template locale '{id}'", HttpMethod.Delete, $"/api/v1/templates/strong_authentication/sms/{id}", null, null, HostLevel: hostLevel);
        }

        var listQueries = new[] { "?pageSize=0", "?pageSize=-1", "?pageSize=abc", "?pageSize=1000", "?continuationToken=%%%", "?continuationToken=*" };
        foreach (var query in listQueries)
        {
            yield return new Case($"list senders {query}", HttpMethod.Get, "/api/v1/senders" + query, null, null);
        }

        yield return new Case("list templates of a bad type", HttpMethod.Get, "/api/v1/templates?type=..%2F", null, null);
        yield return new Case("template of a bad channel", HttpMethod.Get, "/api/v1/templates/t/fax/default", null, null);
    }

    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_in_its_routes_error_shape_and_nothing_is_recorded_or_sent()
    {
        var cases = Cases().ToList();
        var recordsBefore = await app.CountNotificationRecordsAsync();
        var postsBefore = app.Recorder.Requests.Count;
        var failures = new List<string>();
        var byStatus = new SortedDictionary<int, int>();

        foreach (var c in cases)
        {
            using var request = new HttpRequestMessage(c.Method, c.Path);
            if (c.Body is not null)
            {
                request.Content = new ByteArrayContent(c.Body);
                if (c.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
                }
            }

            using var response = await app.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500)
            {
                failures.Add($"{c.Name}: HTTP {status}");
            }
            else if (c.HostLevel && text.Length == 0)
            {
                // The router or Kestrel refused it before any function ran, as Azure's front end would: a bare 4xx.
            }
            else if (c.OktaShape ? !IsOktaError(text) : mediaType != "application/problem+json")
            {
                failures.Add($"{c.Name}: HTTP {status} with {mediaType}: {text[..Math.Min(200, text.Length)]}");
            }
        }

        output.WriteLine($"corpus: {cases.Count} requests; answers {string.Join(", ", byStatus.Select(s => $"{s.Key}×{s.Value}"))}; failures {failures.Count}");
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(recordsBefore, await app.CountNotificationRecordsAsync());
        Assert.Equal(postsBefore, app.Recorder.Requests.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/senders/corpus-sender")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/v1/templates/corpus_tpl/sms/default")).StatusCode);
    }

    private static bool IsOktaError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("errorSummary", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
