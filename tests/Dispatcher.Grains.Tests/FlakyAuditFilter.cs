using System.Collections.Concurrent;
using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// Fails the first append to the audit log of a change made by an actor whose id starts with
/// <see cref="Prefix"/>: the log unreachable just after a singleton stored an edit (ADR-023's outbox).
/// </summary>
internal sealed class FlakyAuditFilter : IIncomingGrainCallFilter
{
    public const string Prefix = "flaky-admin-";
    private static readonly ConcurrentDictionary<string, bool> Failed = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName.Contains(nameof(IAuditLogGrain), StringComparison.Ordinal)
            && context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is AuditChange { By: var by }
            && by.Contains(":" + Prefix, StringComparison.Ordinal) && Failed.TryAdd(by, true))
            throw new TimeoutException($"Test fault: the first append of a change by {by} fails.");
        return context.Invoke();
    }
}
