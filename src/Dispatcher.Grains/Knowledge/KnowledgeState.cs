using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Knowledge;

[GenerateSerializer, Alias("dispatcher.knowledge-state")]
public sealed class KnowledgeState : IVersionedState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<KnowledgeEntry> Entries { get; set; } = [];
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(3)] public string? UpdatedBy { get; set; }
    /// <summary>Changes not yet confirmed in the admin audit log (ADR-023).</summary>
    [Id(4)] public List<AuditChange> PendingAudit { get; set; } = [];
}
