using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsSender.LocalHost;

/// <summary>
/// Creates a function's class from the invocation's service scope (like the worker's function activator) and calls
/// the method, awaiting whatever task it returns so callers always get the function's own exception.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly ConcurrentDictionary<Type, ObjectFactory> factories = new();

    public async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(method);
        object? instance = null;
        if (!method.IsStatic)
        {
            var factory = factories.GetOrAdd(method.DeclaringType!, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes));
            instance = factory(services, null);
        }

        try
        {
            object? returned;
            try
            {
                returned = method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
                throw;
            }

            return await UnwrapAsync(returned);
        }
        finally
        {
            // The scope does not own an instance built by ActivatorUtilities, so it would never be disposed otherwise.
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return ResultOf(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returned.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                await asTask;
                return ResultOf(asTask);
            default:
                return returned;
        }
    }

    // Task<T> exposes its value only through the generic Result property; a plain Task has none (its runtime type
    // may still be a Task<VoidTaskResult>, which is why the declared shape is checked by name).
    private static object? ResultOf(Task task)
    {
        var type = task.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var result = type.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        return result?.GetType().Name == "VoidTaskResult" ? null : result;
    }
}
