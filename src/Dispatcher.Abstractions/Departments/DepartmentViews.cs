using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Abstractions.Departments;

/// <summary>One open case in a department's inbox.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.inbox-item")]
public sealed record InboxItem(
    [Id(0)] string CaseId,
    [Id(1)] CaseStatus Status,
    [Id(2)] string Category,
    [Id(3)] string District,
    [Id(4)] CasePriority Priority,
    [Id(5)] DateTimeOffset AssignedAt,
    [Id(6)] DateTimeOffset UpdatedAt);

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
}

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
    [Id(24)] double? SatisfactionRate = null);
