using System.Collections.Concurrent;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>Counts errors and keeps the first message of each exception type (up to eight types).</summary>
public sealed class ErrorBook
{
    private long _count;
    private readonly ConcurrentDictionary<string, string> _first = new();
    public long Count => Interlocked.Read(ref _count);

    public void Add(Exception ex)
    {
        Interlocked.Increment(ref _count);
        var key = ex.GetType().Name;
        if (_first.Count < 8) _first.TryAdd(key, ex.Message.Length > 300 ? ex.Message[..300] : ex.Message);
    }

    public Dictionary<string, string> Samples() => new(_first);
}
