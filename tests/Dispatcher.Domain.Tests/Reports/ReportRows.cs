using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Stats;

namespace Dispatcher.Domain.Tests.Reports;

/// <summary>Index rows and department counters for the report tests.</summary>
internal static class ReportRows
{
    public static readonly DateTimeOffset Created = new(2026, 10, 5, 1, 2, 3, TimeSpan.Zero);

    public static CaseIndexRow Row(string id, int returns = 0, int reopened = 0, bool overdue = false, bool escalated = false) =>
        new(id, "construction-noise", "jinshui", "jinshui-environment", CaseStatus.Dispatched, CasePriority.Normal, "phone",
            Created, Created.AddHours(1), null, returns, reopened, Version: 3, Overdue: overdue, Escalated: escalated);

    public static DepartmentStats StatsOf(string department, string month, MonthCounters counters, int openNow = 0) =>
        Rates.ToStats(department, month, counters, openNow);
}
