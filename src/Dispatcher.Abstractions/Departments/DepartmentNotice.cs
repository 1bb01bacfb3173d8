using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Abstractions.Departments;

/// <summary>What a case transition means for one department's inbox, counters and stream.</summary>
[GenerateSerializer, Alias("dispatcher.department-notice-kind")]
public enum DepartmentNoticeKind
{
    Assigned,
    Acknowledged,
    Started,
    Replied,
    Resolved,
    Returned,
    /// <summary>The case left this department without a return (override or arbitration ruling elsewhere).</summary>
    Withdrawn,
    /// <summary>The department's return was refused by the return limit: the case went to arbitration.</summary>
    SentToArbitration,
    /// <summary>An arbiter ruled that this department is responsible; further returns are refused.</summary>
    ArbitrationRuling,
    Reopened,
    DeadlineWarning,
    Overdue,
    Supervised,
    Escalated,
    CallbackRecorded,
    /// <summary>A co-department was let go from its part, with its reason (joint case, ADR-027).</summary>
    CoReleased,
    /// <summary>The lead resolved the joint case: the co-department's part is closed and its clocks stop.</summary>
    CoClosed,
}

/// <summary>
/// A department's role on a case (ADR-027): the lead answers for the whole case; a co-department
/// cooperates on its part, on its own clock, counted apart.
/// </summary>
[GenerateSerializer, Alias("dispatcher.case-role")]
public enum CaseRole { Lead, Co }

/// <summary>
/// Sent by a case grain to a department grain on the call path of the transition.
/// (CaseId, Sequence) is unique, so a notice delivered twice is applied once. AssignedAt picks the
/// cohort month the counters belong to; Counts is false when the case already counted this step
/// for the same assignment (a second reply after a reopen, say), so rates never exceed 100 %.
/// OnTime says whether the step met its deadline; WasOverdue whether the case breached any
/// deadline in its current cycle (for the on-time rate). Role says whether the notice is about the
/// department's lead assignment or its co-part (ADR-027): a co-part counts into the co-handled
/// counters only, and notices stored before roles existed read as the lead's.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.department-notice")]
public sealed record DepartmentNotice(
    [Id(0)] string CaseId,
    [Id(1)] long Sequence,
    [Id(2)] DepartmentNoticeKind Kind,
    [Id(3)] DateTimeOffset At,
    [Id(4)] DateTimeOffset AssignedAt,
    [Id(5)] CaseStatus CaseStatus,
    [Id(6)] string Category,
    [Id(7)] string District,
    [Id(8)] CasePriority Priority,
    [Id(9)] string? Note,
    [Id(10)] bool Counts = true,
    [Id(11)] bool OnTime = true,
    [Id(12)] bool WasOverdue = false,
    [Id(13)] Satisfaction? Satisfaction = null,
    [Id(14)] CaseRole Role = CaseRole.Lead);
