using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Surges;

namespace Dispatcher.Grains.Surges;

/// <summary>The persisted state of one surge incident. Joined reports live on their lead cases (CaseState.Reporters), not here.</summary>
[GenerateSerializer, Alias("dispatcher.surge-state")]
public sealed class SurgeState
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Category { get; set; } = "";
    [Id(2)] public string District { get; set; } = "";
    [Id(3)] public SurgeStatus Status { get; set; }
    [Id(4)] public string Title { get; set; } = "";
    [Id(5)] public string Notice { get; set; } = "";
    [Id(6)] public string Script { get; set; } = "";
    [Id(7)] public string? Outcome { get; set; }
    [Id(8)] public Actor? OpenedBy { get; set; }
    [Id(9)] public SurgeTrigger? Trigger { get; set; }
    [Id(10)] public DateTimeOffset OpenedAt { get; set; }
    /// <summary>The cases that led the incident, the current one last: a lead resolved on its own is followed by a new one.</summary>
    [Id(11)] public List<string> LeadCaseIds { get; set; } = [];
    [Id(12)] public string? CloseRequestId { get; set; }
    [Id(13)] public Actor? ClosedBy { get; set; }
    [Id(14)] public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Fixed when closing starts: the leads and every report joined to them.</summary>
    [Id(15)] public List<string> ToResolve { get; set; } = [];
    /// <summary>How many of <see cref="ToResolve"/> are resolved: closing resumes here after a silo restart.</summary>
    [Id(16)] public int Resolved { get; set; }
    /// <summary>How many audited changes the incident has had (open, edits, closing, closed): numbers its audit entries.</summary>
    [Id(17)] public int Revision { get; set; }
    /// <summary>Audit entries stored with the change and not yet in the admin audit log (ADR-037).</summary>
    [Id(18)] public List<AuditChange> PendingAudit { get; set; } = [];

    public bool Exists => Id.Length > 0;
}

/// <summary>The persisted registry: one row per incident, and the last number handed out.</summary>
[GenerateSerializer, Alias("dispatcher.surge-registry-state")]
public sealed class SurgeRegistryState
{
    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public List<SurgeEntry> Entries { get; set; } = [];
}
