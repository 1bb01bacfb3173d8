using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Reports;

/// <summary>The CSV layout of each report: one place per layout, the counters' columns shared.</summary>
public static class ReportCsv
{
    private static readonly string[] StatsHeader =
    [
        "received", "acknowledged", "acknowledgedOnTime", "replied", "repliedOnTime", "resolved", "returned", "withdrawn", "reopened",
        "overdue", "supervised", "escalated", "satisfied", "basicallySatisfied", "unsatisfied", "finishedOnTime", "finishedLate",
        "openOverdue", "replyRate", "resolutionRate", "onTimeRate", "satisfactionRate",
    ];

    public static string Monthly(MonthlyBulletin bulletin) =>
        Csv.Write(["rank", "departmentId", "departmentName", "score", "verdict", .. StatsHeader],
            bulletin.Lines.Select(l => new object?[] { l.Rank, l.DepartmentId, l.DepartmentName, l.Score, l.Verdict }.Concat(Values(l.Stats))));

    public static string Quarterly(QuarterlyReview review) =>
        Csv.Write(["caseId", "category", "district", "departmentId", "status", "createdAt", "returns", "reopened", "overdue", "escalated", "reasons",
                "suspectedFakeClosure", "fakeClosureReasons"],
            review.Cases.Select(c => new object?[]
            {
                c.CaseId, c.Category, c.District, c.DepartmentId, c.Status, c.CreatedAt, c.Returns, c.Reopened, c.Overdue, c.Escalated,
                string.Join("; ", c.Reasons), c.SuspectedFakeClosure, string.Join("; ", c.FakeClosureReasons),
            }));

    public static string Annual(AnnualAssessment assessment) =>
        Csv.Write(["departmentId", "departmentName", "score", .. StatsHeader],
            assessment.Departments.Select(l => new object?[] { l.DepartmentId, l.DepartmentName, ReportBuilder.Score(l.Totals) }.Concat(Values(l.Totals))));

    private static object?[] Values(DepartmentStats s) =>
    [
        s.Received, s.Acknowledged, s.AcknowledgedOnTime, s.Replied, s.RepliedOnTime, s.Resolved, s.Returned, s.Withdrawn, s.Reopened,
        s.Overdue, s.Supervised, s.Escalated, s.Satisfied, s.BasicallySatisfied, s.Unsatisfied, s.FinishedOnTime, s.FinishedLate,
        s.OpenOverdue, s.ReplyRate, s.ResolutionRate, s.OnTimeRate, s.SatisfactionRate,
    ];
}
