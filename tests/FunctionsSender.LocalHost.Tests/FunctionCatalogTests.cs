using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.LocalHost.Tests;

public sealed class FunctionCatalogTests
{
    private static readonly FunctionCatalog Catalog = FunctionCatalog.Discover(typeof(FunctionCatalogTests).Assembly);

    [Fact]
    public void Http_functions_are_found_with_routes_methods_and_levels()
    {
        var getItem = Catalog.HttpFunctions.Single(f => f.Name == "GetItem");
        Assert.Equal("items/{id}", getItem.Route);
        Assert.Equal(["GET"], getItem.HttpMethods);
        Assert.Equal(AuthorizationLevel.Function, getItem.AuthorizationLevel);
        Assert.Equal("/api/items/{id}", HttpFunctionEndpoints.RouteTemplate("api", getItem));

        var byName = Catalog.HttpFunctions.Single(f => f.Name == "WritesResponse");
        Assert.Equal("/WritesResponse", HttpFunctionEndpoints.RouteTemplate("", byName));
        Assert.Empty(Catalog.HttpFunctions.Single(f => f.Name == "AnyMethod").HttpMethods);
    }

    [Fact]
    public void Queue_functions_are_found_with_unresolved_names_and_default_connection()
    {
        var failing = Catalog.QueueFunctions.Single(f => f.Name == "AlwaysFails");
        Assert.Equal("%Samples:FailingQueue%", failing.QueueNameExpression);
        Assert.Equal("AzureWebJobsStorage", failing.Connection);
        Assert.Equal("AzureWebJobsStorage", Catalog.QueueFunctions.Single(f => f.Name == "RecordsQueueMessage").Connection);
    }

    [Fact]
    public void The_functions_project_is_discoverable() =>
        FunctionCatalog.Discover(System.Reflection.Assembly.Load(LocalFunctionsHost.FunctionsAssemblyName));
}
