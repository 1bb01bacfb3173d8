using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests;

/// <summary>
/// The host logs at Warning (as in production) into this sink instead of the console: it counts
/// warnings and errors per category and keeps the first message of each, for the report.
/// </summary>
public sealed class CountingLoggerProvider : ILoggerProvider
{
    public static readonly CountingLoggerProvider Instance = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentDictionary<string, string> _first = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    /// <summary>Counts since the last call, and clears them.</summary>
    public Dictionary<string, object> TakeSnapshot()
    {
        var result = new Dictionary<string, object>();
        foreach (var key in _counts.Keys.ToArray())
            if (_counts.TryRemove(key, out var n))
                result[key] = new { count = n, first = _first.TryRemove(key, out var m) ? m : null };
        return result;
    }

    private sealed class Logger(CountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning) return;
            var key = $"{logLevel} {category}[{eventId.Id}]";
            owner._counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (!owner._first.ContainsKey(key))
            {
                var msg = formatter(state, exception) + (exception is null ? "" : $" — {exception.GetType().Name}: {exception.Message}");
                owner._first.TryAdd(key, msg.Length > 600 ? msg[..600] : msg);
            }
        }
    }
}
