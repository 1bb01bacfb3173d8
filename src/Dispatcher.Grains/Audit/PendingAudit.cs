using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Grains.Audit;

/// <summary>
/// Audit entries a grain stored with its change and has not yet appended to the admin audit log
/// (ADR-023, ADR-037). Delivered oldest first; one that fails stops the round and stays, with those
/// after it, for the next one (the log records a version once, so delivering again is harmless).
/// </summary>
internal static class PendingAudit
{
    /// <summary>Appends and removes the pending entries; the caller then writes its state.</summary>
    public static async Task DeliverTo(this List<AuditChange> pending, IGrainFactory grains)
    {
        var log = grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey);
        while (pending.Count > 0)
        {
            await log.Append(pending[0]);
            pending.RemoveAt(0);
        }
    }
}
