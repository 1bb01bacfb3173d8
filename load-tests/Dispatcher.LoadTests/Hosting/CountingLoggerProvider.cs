using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>
/// The host logs at Warning (as in production) into this sink instead of the console: it counts
/// warnings and errors per category and keeps the first message of each, for the report.
/// </summary>
public sealed class CountingLoggerProvider : ILoggerProvider
{
    public static readonly CountingLoggerProvider Instance = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentDictionary<string, string> _first = new();

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this, categoryName);
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

    /// <summary>Counts one entry under its key; <paramref name="message"/> is asked for only for the first of a key.</summary>
    internal void Count(string key, Func<string> message)
    {
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (!_first.ContainsKey(key))
        {
            var msg = message();
            _first.TryAdd(key, msg.Length > 600 ? msg[..600] : msg);
        }
    }
}
