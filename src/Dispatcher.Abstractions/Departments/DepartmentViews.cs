using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Abstractions.Departments;

/// <summary>One open case in a department's inbox; Role says whether the department leads it or cooperates on it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.inbox-item")]
public sealed record InboxItem(
    [Id(0)] string CaseId,
    [Id(1)] CaseStatus Status,
    [Id(2)] string Category,
    [Id(3)] string District,
    [Id(4)] CasePriority Priority,
    [Id(5)] DateTimeOffset AssignedAt,
    [Id(6)] DateTimeOffset UpdatedAt,
    [Id(7)] CaseRole Role = CaseRole.Lead);

/// <summary>Counters of cases assigned to a department in one calendar month (the cohort month).</summary>
[GenerateSerializer, Alias("dispatcher.month-counters")]
public sealed class MonthCounters
{
    [Id(0)] public int Received { get; set; }
    [Id(1)] public int Acknowledged { get; set; }
    [Id(2)] public int Replied { get; set; }
    [Id(3)] public int Resolved { get; set; }
    [Id(4)] public int Returned { get; set; }
    [Id(5)] public int Reopened { get; set; }
    /// <summary>Taken away by a dispatcher override: not the department's to answer.</summary>
    [Id(6)] public int Withdrawn { get; set; }
    [Id(7)] public int AcknowledgedOnTime { get; set; }
    [Id(8)] public int RepliedOnTime { get; set; }
    /// <summary>Breach episodes: a case counts again if it is late again after a reopen.</summary>
    [Id(9)] public int Overdue { get; set; }
    [Id(10)] public int Supervised { get; set; }
    [Id(11)] public int Escalated { get; set; }
    [Id(12)] public int Satisfied { get; set; }
    [Id(13)] public int BasicallySatisfied { get; set; }
    [Id(14)] public int Unsatisfied { get; set; }
    /// <summary>Resolved without any breached deadline in the cycle.</summary>
    [Id(15)] public int FinishedOnTime { get; set; }
    [Id(16)] public int FinishedLate { get; set; }
    /// <summary>Open here now and past a deadline (a gauge: it falls when the case is finished or leaves).</summary>
    [Id(17)] public int OpenOverdue { get; set; }
    /// <summary>Co-handled (ADR-027): parts of joint cases this department cooperated on, counted apart from its own cases.</summary>
    [Id(18)] public int CoReceived { get; set; }
    [Id(19)] public int CoAcknowledged { get; set; }
    [Id(20)] public int CoAcknowledgedOnTime { get; set; }
    [Id(21)] public int CoReplied { get; set; }
    [Id(22)] public int CoRepliedOnTime { get; set; }
    [Id(23)] public int CoReleased { get; set; }
    /// <summary>Co-parts taken away by a dispatcher changing the co-departments.</summary>
    [Id(24)] public int CoWithdrawn { get; set; }
    /// <summary>Co-part deadlines breached.</summary>
    [Id(25)] public int CoOverdue { get; set; }
}

/// <summary>A department's co-handled figures for one month (ADR-027): its parts of joint cases led by others.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.co-handled-stats")]
public sealed record CoHandledStats(
    [Id(0)] int Received,
    [Id(1)] int Acknowledged,
    [Id(2)] int AcknowledgedOnTime,
    [Id(3)] int Replied,
    [Id(4)] int RepliedOnTime,
    [Id(5)] int Released,
    [Id(6)] int Withdrawn,
    [Id(7)] int Overdue,
    [Id(8)] double? ReplyRate,
    [Id(9)] double? RepliedOnTimeRate);

/// <summary>A department's figures for one month, with the derived rates (see README for formulas).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.department-stats")]
public sealed record DepartmentStats(
    [Id(0)] string DepartmentId,
    [Id(1)] string Month,
    [Id(2)] int Received,
    [Id(3)] int Acknowledged,
    [Id(4)] int Replied,
    [Id(5)] int Resolved,
    [Id(6)] int Returned,
    [Id(7)] int Reopened,
    [Id(8)] int Withdrawn,
    [Id(9)] int OpenNow,
    [Id(10)] double? ReplyRate,
    [Id(11)] double? ResolutionRate,
    [Id(12)] int AcknowledgedOnTime = 0,
    [Id(13)] int RepliedOnTime = 0,
    [Id(14)] int Overdue = 0,
    [Id(15)] int Supervised = 0,
    [Id(16)] int Escalated = 0,
    [Id(17)] int Satisfied = 0,
    [Id(18)] int BasicallySatisfied = 0,
    [Id(19)] int Unsatisfied = 0,
    [Id(20)] int FinishedOnTime = 0,
    [Id(21)] int FinishedLate = 0,
    [Id(22)] int OpenOverdue = 0,
    [Id(23)] double? OnTimeRate = null,
    [Id(24)] double? SatisfactionRate = null,
    [Id(25)] CoHandledStats? CoHandled = null);
