using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Routing;

[GenerateSerializer, Alias("dispatcher.routing-table-state")]
public sealed class RoutingTableState : IVersionedState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<RoutingRule> Rules { get; set; } = [];
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(3)] public string? UpdatedBy { get; set; }
    /// <summary>Who changed the rules when (R14: admin changes are audited).</summary>
    [Id(4)] public List<RuleChange> Audit { get; set; } = [];
    /// <summary>Changes not yet confirmed in the admin audit log (ADR-023).</summary>
    [Id(5)] public List<AuditChange> PendingAudit { get; set; } = [];
}
