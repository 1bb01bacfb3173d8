using System.Collections.Concurrent;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// Fails the first call to an agent grain whose id starts with <see cref="Prefix"/>: a fault after the
/// case is stored and before the intake is answered, as a silo crash or a timeout would cause.
/// </summary>
internal sealed class FlakyAgentFilter : IIncomingGrainCallFilter
{
    public const string Prefix = "flaky-";
    private static readonly ConcurrentDictionary<string, bool> Failed = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName.Contains("IAgentGrain", StringComparison.Ordinal)
            && context.TargetId.Key.ToString() is { } key && key.StartsWith(Prefix, StringComparison.Ordinal)
            && Failed.TryAdd(key, true))
            throw new TimeoutException($"Test fault: the first call to agent {key} fails.");
        return context.Invoke();
    }
}
