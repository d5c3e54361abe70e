using System.ComponentModel;
using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsSender.LocalHost;

/// <summary>An HTTP-triggered function: where it is served and who may call it.</summary>
public sealed record HttpFunctionDefinition(
    string Name,
    MethodInfo Method,
    string Route,
    IReadOnlyList<string> HttpMethods,
    AuthorizationLevel AuthorizationLevel);

/// <summary>A queue-triggered function; <see cref="QueueNameExpression"/> may still hold <c>%Setting%</c> expressions.</summary>
public sealed record QueueFunctionDefinition(
    string Name,
    MethodInfo Method,
    string QueueNameExpression,
    string Connection,
    ParameterInfo TriggerParameter);

/// <summary>
/// Discovers the functions of an assembly by the same attributes the Functions worker uses, and rejects signatures this
/// host could not bind at start-up rather than at the first call.
/// </summary>
public sealed class FunctionCatalog(IReadOnlyList<HttpFunctionDefinition> httpFunctions, IReadOnlyList<QueueFunctionDefinition> queueFunctions)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    private static readonly Type[] QueueTriggerTypes = [typeof(QueueMessage), typeof(string), typeof(BinaryData), typeof(byte[])];

    public IReadOnlyList<HttpFunctionDefinition> HttpFunctions { get; } = httpFunctions;

    public IReadOnlyList<QueueFunctionDefinition> QueueFunctions { get; } = queueFunctions;

    public static FunctionCatalog Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var http = new List<HttpFunctionDefinition>();
        var queues = new List<QueueFunctionDefinition>();

        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract || t.IsAbstract && t.IsSealed))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var name = function.Name;
                if (method.IsStatic == false && type.IsAbstract)
                {
                    throw new InvalidOperationException($"Function '{name}' is an instance method of the static class {type.FullName}.");
                }

                ValidateReturnType(name, method);
                var parameters = method.GetParameters();
                if (parameters.FirstOrDefault(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null) is { } httpTrigger)
                {
                    http.Add(DescribeHttp(name, method, parameters, httpTrigger));
                }
                else if (parameters.FirstOrDefault(p => p.GetCustomAttribute<QueueTriggerAttribute>() is not null) is { } queueTrigger)
                {
                    queues.Add(DescribeQueue(name, method, parameters, queueTrigger));
                }
                else
                {
                    throw new InvalidOperationException(
                        $"Function '{name}' ({type.FullName}.{method.Name}) has a trigger LocalHost does not run; only HttpTrigger and QueueTrigger are supported.");
                }
            }
        }

        var duplicate = http.Select(f => f.Name).Concat(queues.Select(f => f.Name))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"More than one function is named '{duplicate.Key}'; function names must be unique.");
        }

        return new FunctionCatalog(http, queues);
    }

    private static HttpFunctionDefinition DescribeHttp(string name, MethodInfo method, ParameterInfo[] parameters, ParameterInfo trigger)
    {
        if (trigger.ParameterType != typeof(HttpRequest))
        {
            throw new InvalidOperationException($"Function '{name}': the HttpTrigger parameter must be an HttpRequest, not {trigger.ParameterType.Name}.");
        }

        foreach (var parameter in parameters.Where(p => p != trigger && p.ParameterType != typeof(CancellationToken)))
        {
            if (!IsRouteBindable(parameter.ParameterType))
            {
                throw new InvalidOperationException(
                    $"Function '{name}': parameter '{parameter.Name}' of type {parameter.ParameterType.Name} cannot be bound; " +
                    "HTTP functions take the HttpRequest, route values of simple types and a CancellationToken.");
            }
        }

        var attribute = trigger.GetCustomAttribute<HttpTriggerAttribute>()!;
        var route = string.IsNullOrWhiteSpace(attribute.Route) ? name : attribute.Route.Trim('/');
        var methods = (attribute.Methods ?? []).Select(m => m.ToUpperInvariant()).ToArray();
        return new HttpFunctionDefinition(name, method, route, methods, attribute.AuthLevel);
    }

    private static QueueFunctionDefinition DescribeQueue(string name, MethodInfo method, ParameterInfo[] parameters, ParameterInfo trigger)
    {
        if (!QueueTriggerTypes.Contains(trigger.ParameterType))
        {
            throw new InvalidOperationException(
                $"Function '{name}': the QueueTrigger parameter must be QueueMessage, string, BinaryData or byte[], not {trigger.ParameterType.Name}.");
        }

        if (parameters.FirstOrDefault(p => p != trigger && p.ParameterType != typeof(CancellationToken)) is { } extra)
        {
            throw new InvalidOperationException(
                $"Function '{name}': parameter '{extra.Name}' cannot be bound; queue functions take the message and a CancellationToken.");
        }

        var attribute = trigger.GetCustomAttribute<QueueTriggerAttribute>()!;
        var connection = string.IsNullOrWhiteSpace(attribute.Connection) ? DefaultConnection : attribute.Connection;
        return new QueueFunctionDefinition(name, method, attribute.QueueName, connection, trigger);
    }

    private static void ValidateReturnType(string name, MethodInfo method)
    {
        var type = method.ReturnType;
        var supported = type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask)
            || type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            || !typeof(Task).IsAssignableFrom(type);
        if (!supported)
        {
            throw new InvalidOperationException($"Function '{name}' returns {type.Name}, which LocalHost cannot await.");
        }
    }

    internal static bool IsRouteBindable(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string) || TypeDescriptor.GetConverter(underlying).CanConvertFrom(typeof(string));
    }
}
