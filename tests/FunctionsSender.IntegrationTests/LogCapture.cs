using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FunctionsSender.IntegrationTests;

/// <summary>Collects every log line the app writes (message, scopes, exceptions) so tests can prove what never appears.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(ScopeText(scope)), scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | scopes: {string.Join(" / ", scopes)} | {exception}");
        }

        private static string ScopeText(object? scope) => scope is IEnumerable<KeyValuePair<string, object>> pairs
            ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}"))
            : scope?.ToString() ?? "";
    }
}
