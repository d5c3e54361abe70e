using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.LocalHost;

/// <summary>Maps HTTP functions onto endpoint routing and runs them with the Functions ASP.NET Core integration's semantics.</summary>
public static class HttpFunctionEndpoints
{
    public static string RouteTemplate(string routePrefix, HttpFunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return string.IsNullOrEmpty(routePrefix) ? "/" + function.Route : $"/{routePrefix}/{function.Route}";
    }

    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<HttpFunctionDefinition> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        var services = endpoints.ServiceProvider;
        var invoker = services.GetRequiredService<FunctionInvoker>();
        var authorization = services.GetRequiredService<FunctionKeyAuthorization>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints).FullName!);

        foreach (var function in functions)
        {
            var template = RouteTemplate(routePrefix, function);
            RequestDelegate handler = context => HandleAsync(context, function, invoker, authorization, logger);

            // No methods on the trigger means every method, as in the Functions host.
            var builder = function.HttpMethods.Count == 0
                ? endpoints.Map(template, handler)
                : endpoints.MapMethods(template, function.HttpMethods, handler);
            builder.WithDisplayName(function.Name).WithMetadata(function);
        }
    }

    private static async Task HandleAsync(
        HttpContext context,
        HttpFunctionDefinition function,
        FunctionInvoker invoker,
        FunctionKeyAuthorization authorization,
        ILogger logger)
    {
        if (!authorization.IsAuthorized(context.Request, function.AuthorizationLevel))
        {
            // Azure answers a missing or wrong key with a bare 401.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        try
        {
            var arguments = BindArguments(function, context);
            // RequestServices is the request's own DI scope, so scoped services live exactly as long as the invocation.
            var result = await invoker.InvokeAsync(function.Method, context.RequestServices, arguments);
            switch (result)
            {
                case IActionResult actionResult:
                    await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                    break;
                case IResult httpResult:
                    await httpResult.ExecuteAsync(context);
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("Function {FunctionName} was cancelled because the client went away", function.Name);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Function {FunctionName} failed", function.Name);
            await WriteFailureAsync(context);
        }
    }

    private static object?[] BindArguments(HttpFunctionDefinition function, HttpContext context)
    {
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.ParameterType == typeof(HttpRequest))
            {
                arguments[i] = context.Request;
            }
            else if (parameter.ParameterType == typeof(CancellationToken))
            {
                arguments[i] = context.RequestAborted;
            }
            else
            {
                arguments[i] = BindRouteValue(function, parameter, context);
            }
        }

        return arguments;
    }

    private static object? BindRouteValue(HttpFunctionDefinition function, System.Reflection.ParameterInfo parameter, HttpContext context)
    {
        var raw = context.GetRouteValue(parameter.Name!)?.ToString();
        if (raw is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(string))
        {
            return raw;
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, raw);
        }
        catch (Exception exception) when (exception is FormatException or NotSupportedException or ArgumentException)
        {
            // The Functions host fails such an invocation too; a route constraint is the way to turn it into a 404.
            throw new InvalidOperationException(
                $"Function '{function.Name}': the route value for '{parameter.Name}' is not a valid {type.Name}.", exception);
        }
    }

    private static async Task WriteFailureAsync(HttpContext context)
    {
        if (context.Response.HasStarted)
        {
            // Headers are gone; the only honest signal left is to cut the connection.
            context.Abort();
            return;
        }

        context.Response.Clear();
        var factory = context.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        // Nothing from the exception goes into the body: it may carry phone numbers, keys or internals.
        var problem = factory.CreateProblemDetails(context, StatusCodes.Status500InternalServerError);
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
