using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Hotlines;

[GenerateSerializer, Alias("dispatcher.registry-state")]
public sealed class RegistryState : IVersionedState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<HotlineLine> Lines { get; set; } = [];
    [Id(2)] public List<RegistryChange> Audit { get; set; } = [];
    /// <summary>Changes not yet confirmed in the admin audit log (ADR-023).</summary>
    [Id(3)] public List<AuditChange> PendingAudit { get; set; } = [];
}
