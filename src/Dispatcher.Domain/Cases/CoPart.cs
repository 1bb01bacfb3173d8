using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// One co-department's part of a joint case (ADR-027), persisted in <see cref="CaseState.CoParts"/>:
/// its own acknowledge and reply clocks from the same SLA policy as the lead's, its reply, and how
/// it ended (replied, released with a reason, or closed when the lead resolved the case).
/// </summary>
[GenerateSerializer, Alias("dispatcher.co-part")]
public sealed class CoPart
{
    [Id(0)] public string DepartmentId { get; set; } = "";
    [Id(1)] public CoPartStatus Status { get; set; }
    /// <summary>When the part was given: its counters' cohort month.</summary>
    [Id(2)] public DateTimeOffset AssignedAt { get; set; }
    [Id(3)] public DateTimeOffset? AcknowledgedAt { get; set; }
    [Id(4)] public DateTimeOffset? RepliedAt { get; set; }
    [Id(5)] public string? Reply { get; set; }
    [Id(6)] public string? ReleaseReason { get; set; }
    /// <summary>The part's acknowledge and reply deadlines; ticked with the case's own (ADR-012 wake time).</summary>
    [Id(7)] public List<DeadlineState> Deadlines { get; set; } = [];
    /// <summary>A deadline of this part was breached.</summary>
    [Id(8)] public bool Overdue { get; set; }

    /// <summary>Still owes its part: neither replied, released nor closed.</summary>
    public bool Open => Status is CoPartStatus.Assigned or CoPartStatus.Acknowledged;

    public CoPartView ToView() => new(DepartmentId, Status, AssignedAt, AcknowledgedAt, RepliedAt, Reply, Status == CoPartStatus.Released, ReleaseReason,
        Deadlines.Select(d => new DeadlineView(d.Step, d.Start, d.Due, d.Done, d.Breached)).ToArray());
}
