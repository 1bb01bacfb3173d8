using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Reports;
using static Dispatcher.Domain.Tests.Reports.ReportRows;

namespace Dispatcher.Domain.Tests.Reports;

public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_score_weighs_reply_and_resolution_three_tenths_and_on_time_and_satisfaction_two_tenths()
    {
        // reply 1.0, resolution 0.5, on-time 0.5, satisfaction 1.0 → 0.3 + 0.15 + 0.1 + 0.2
        var stats = StatsOf("d", "2026-11", new MonthCounters { Received = 4, Replied = 4, Resolved = 2, FinishedOnTime = 1, FinishedLate = 1, Satisfied = 2 });
        Assert.Equal(0.75, ReportBuilder.Score(stats));
    }

    [Fact]
    public void The_score_shares_the_weight_of_a_missing_rate_among_the_others()
    {
        // reply 1.0, resolution 0.5, no on-time or satisfaction rate → (0.3 + 0.15) / 0.6
        var stats = StatsOf("d", "2026-11", new MonthCounters { Received = 2, Replied = 2, Resolved = 1 });
        Assert.Equal(0.75, ReportBuilder.Score(stats));
    }

    [Fact]
    public void The_bulletin_ranks_by_score_praises_the_best_criticises_the_worst_and_lists_idle_departments_last()
    {
        var good = StatsOf("good", "2026-11", new MonthCounters { Received = 2, Replied = 2, Resolved = 2 });
        var poor = StatsOf("poor", "2026-11", new MonthCounters { Received = 2, Replied = 1 });
        var idle = StatsOf("idle", "2026-11", new MonthCounters());

        var bulletin = ReportBuilder.Monthly("2026-11", [("poor", "Poor", poor), ("idle", "Idle", idle), ("good", "Good", good)], Now, firstContactClosed: 7);

        Assert.Equal(["good:1:1:praised", "poor:2:0.25:criticised", "idle::: no cases"],
            bulletin.Lines.Select(l => $"{l.DepartmentId}:{l.Rank}:{l.Score}:{(l.Rank is null ? " " : "")}{l.Verdict}"));
        Assert.Equal(["good"], bulletin.Praised);
        Assert.Equal(["poor"], bulletin.Criticised);
        Assert.Equal((7L, "2026-11", Now), (bulletin.FirstContactClosed, bulletin.Month, bulletin.GeneratedAt));
    }

    [Fact]
    public void The_quarterly_review_lists_each_row_with_its_reasons()
    {
        var review = ReportBuilder.Quarterly("2026-Q4", [Row("ZZ-1", returns: 2, overdue: true), Row("ZZ-2", reopened: 1)], Now);

        Assert.Equal("2026-Q4", review.Quarter);
        Assert.Equal(["ZZ-1: overdue, returned 2×", "ZZ-2: reopened"], review.Cases.Select(c => $"{c.CaseId}: {string.Join(", ", c.Reasons)}"));
        var first = review.Cases[0];
        Assert.Equal(("construction-noise", "jinshui", "jinshui-environment", 2, 0, true, false, Created),
            (first.Category, first.District, first.DepartmentId, first.Returns, first.Reopened, first.Overdue, first.Escalated, first.CreatedAt));
    }

    [Fact]
    public void The_annual_assessment_sums_the_months_and_recomputes_the_rates_on_the_sums()
    {
        var months = new[]
        {
            StatsOf("d", "2026-01", new MonthCounters { Received = 4, Replied = 2, Resolved = 1 }, openNow: 3),
            StatsOf("d", "2026-02", new MonthCounters { Received = 4, Replied = 4, Resolved = 4, Overdue = 1 }, openNow: 1),
        };

        var assessment = ReportBuilder.Annual(2026, [("d", "Department", months)], Now);

        var line = Assert.Single(assessment.Departments);
        Assert.Equal((2026, "d", "Department", 2), (assessment.Year, line.DepartmentId, line.DepartmentName, line.Months.Count));
        var t = line.Totals;
        Assert.Equal(("2026", 8, 6, 5, 1, 1), (t.Month, t.Received, t.Replied, t.Resolved, t.Overdue, t.OpenNow));
        Assert.Equal((0.75, 0.625), (t.ReplyRate, t.ResolutionRate));
    }
}
