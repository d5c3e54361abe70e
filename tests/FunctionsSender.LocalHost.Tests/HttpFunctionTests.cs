using System.Net;
using System.Text;

namespace FunctionsSender.LocalHost.Tests;

public sealed class HttpFunctionTests
{
    private const string FunctionKey = "function-key-1";
    private const string MasterKey = "master-key-1";

    private static Dictionary<string, string?> Keys() => new()
    {
        ["LocalHost:FunctionKey"] = FunctionKey,
        ["LocalHost:MasterKey"] = MasterKey,
    };

    [Fact]
    public async Task Route_values_bind_and_results_are_camel_case_json()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        var response = await host.Client.GetAsync(new Uri("/api/items/42", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"itemId":"42","greeting":"hello 42","method":"GET"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Typed_route_values_convert_and_constraints_apply()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        Assert.Equal("""{"next":6}""", await host.Client.GetStringAsync(new Uri("/api/numbers/5", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/api/numbers/five", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/items/42", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await host.Client.DeleteAsync(new Uri("/api/items/42", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_trigger_without_methods_accepts_every_method()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        Assert.Equal("GET", await host.Client.GetStringAsync(new Uri("/api/any", UriKind.Relative)));
        var put = await host.Client.PutAsync(new Uri("/api/any", UriKind.Relative), new StringContent(""));
        Assert.Equal("PUT", await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_function_without_route_is_served_by_name_and_may_write_the_response_itself()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        var response = await host.Client.PostAsync(new Uri("/api/WritesResponse", UriKind.Relative), new StringContent("shout", Encoding.UTF8));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("SHOUT", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_exception_becomes_a_problem_response_that_reveals_nothing()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        var response = await host.Client.PostAsync(new Uri("/api/explode", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":500", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("15551234567", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_prefix_comes_from_host_json_and_may_be_empty()
    {
        await using var host = await TestHost.StartHttpOnlyAsync(hostJson: """{ "extensions": { "http": { "routePrefix": "" } } }""");

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/items/7", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/api/items/7", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Without_configured_keys_every_level_is_open()
    {
        await using var host = await TestHost.StartHttpOnlyAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/api/items/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/api/admin/ping", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", null, HttpStatusCode.Unauthorized)]
    [InlineData(null, "wrong", HttpStatusCode.Unauthorized)]
    [InlineData(FunctionKey, null, HttpStatusCode.OK)]
    [InlineData(null, FunctionKey, HttpStatusCode.OK)]
    [InlineData(MasterKey, null, HttpStatusCode.OK)]
    [InlineData(null, MasterKey, HttpStatusCode.OK)]
    public async Task Function_level_routes_take_the_function_or_master_key(string? header, string? code, HttpStatusCode expected)
    {
        await using var host = await TestHost.StartHttpOnlyAsync(Keys());

        var response = await host.Client.SendAsync(KeyedRequest("/api/items/1", header, code));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData(MasterKey, HttpStatusCode.OK)]
    public async Task Admin_routes_take_only_the_master_key(string? header, HttpStatusCode expected)
    {
        await using var host = await TestHost.StartHttpOnlyAsync(Keys());

        var response = await host.Client.SendAsync(KeyedRequest("/api/admin/ping", header, null));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_stay_open_when_keys_are_configured()
    {
        await using var host = await TestHost.StartHttpOnlyAsync(Keys());

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/api/numbers/1", UriKind.Relative))).StatusCode);
    }

    private static HttpRequestMessage KeyedRequest(string path, string? header, string? code)
    {
        var uri = code is null ? path : $"{path}?code={Uri.EscapeDataString(code)}";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        if (header is not null)
        {
            request.Headers.Add("x-functions-key", header);
        }

        return request;
    }
}
