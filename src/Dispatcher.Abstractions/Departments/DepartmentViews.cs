using Dispatcher.Cases;

namespace Dispatcher.Departments;

/// <summary>One open case in a department's inbox.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.inbox-item")]
public sealed record InboxItem(
    string CaseId,
    CaseStatus Status,
    string Category,
    string District,
    CasePriority Priority,
    DateTimeOffset AssignedAt,
    DateTimeOffset UpdatedAt);

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

    public MonthCounters Copy() => (MonthCounters)MemberwiseClone();
}

/// <summary>A department's figures for one month, with the derived rates (see README for formulas).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.department-stats")]
public sealed record DepartmentStats(
    string DepartmentId,
    string Month,
    int Received,
    int Acknowledged,
    int Replied,
    int Resolved,
    int Returned,
    int Reopened,
    int Withdrawn,
    int OpenNow,
    double? ReplyRate,
    double? ResolutionRate);
