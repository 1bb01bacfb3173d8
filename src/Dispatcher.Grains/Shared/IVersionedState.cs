using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Grains.Shared;

/// <summary>
/// The state of a <see cref="VersionedSingletonGrain{TState, TItem, TSnapshot}"/>: the version counts
/// every write, 0 means never written (not seeded yet); <see cref="PendingAudit"/> holds the changes
/// not yet confirmed in the audit log (ADR-023). An interface, not a base class, so the state
/// classes keep their stored format.
/// </summary>
public interface IVersionedState
{
    long Version { get; set; }
    List<AuditChange> PendingAudit { get; }
}
