using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Reports;
using static Dispatcher.Domain.Tests.Reports.ReportRows;

namespace Dispatcher.Domain.Tests.Reports;

public sealed class ReportCsvTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private const string StatsHeader =
        "received,acknowledged,acknowledgedOnTime,replied,repliedOnTime,resolved,returned,withdrawn,reopened,overdue,supervised,escalated," +
        "satisfied,basicallySatisfied,unsatisfied,finishedOnTime,finishedLate,openOverdue,replyRate,resolutionRate,onTimeRate,satisfactionRate";

    [Fact]
    public void The_quarterly_csv_has_one_line_per_case_with_its_reasons_joined_by_semicolons()
    {
        var review = ReportBuilder.Quarterly("2026-Q4", [Row("ZZ-1", returns: 2, overdue: true)], Now);

        Assert.Equal(
            "caseId,category,district,departmentId,status,createdAt,returns,reopened,overdue,escalated,reasons,suspectedFakeClosure,fakeClosureReasons\r\n" +
            "ZZ-1,construction-noise,jinshui,jinshui-environment,Dispatched,2026-10-05T01:02:03.0000000+00:00,2,0,True,False,overdue; returned 2×,False,\r\n",
            ReportCsv.Quarterly(review));
    }

    [Fact]
    public void The_quarterly_csv_flags_a_suspected_fake_closure_with_its_reasons()
    {
        var review = ReportBuilder.Quarterly("2026-Q4", [Row("ZZ-2") with { ResolvedWithoutReply = true, SatisfiedWithoutAcknowledge = true }], Now);

        Assert.Equal(
            "caseId,category,district,departmentId,status,createdAt,returns,reopened,overdue,escalated,reasons,suspectedFakeClosure,fakeClosureReasons\r\n" +
            "ZZ-2,construction-noise,jinshui,jinshui-environment,Dispatched,2026-10-05T01:02:03.0000000+00:00,0,0,False,False," +
            $"{FakeClosureRule.ResolvedWithoutReplyReason}; {FakeClosureRule.SatisfiedWithoutAcknowledgeReason},True," +
            $"{FakeClosureRule.ResolvedWithoutReplyReason}; {FakeClosureRule.SatisfiedWithoutAcknowledgeReason}\r\n",
            ReportCsv.Quarterly(review));
    }

    [Fact]
    public void The_monthly_csv_puts_rank_score_and_verdict_before_the_counters()
    {
        var stats = StatsOf("d", "2026-11", new MonthCounters { Received = 2, Replied = 1 });
        var bulletin = ReportBuilder.Monthly("2026-11", [("d", "Dept, North", stats)], Now);

        Assert.Equal(
            "rank,departmentId,departmentName,score,verdict," + StatsHeader + "\r\n" +
            "1,d,\"Dept, North\",0.25,,2,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.5,0,,\r\n",
            ReportCsv.Monthly(bulletin));
    }

    [Fact]
    public void The_annual_csv_has_one_line_per_department_with_the_score_of_its_totals()
    {
        var months = new[] { StatsOf("d", "2026-01", new MonthCounters { Received = 1, Replied = 1, Resolved = 1 }) };
        var assessment = ReportBuilder.Annual(2026, [("d", "Dept", months)], Now);

        Assert.Equal(
            "departmentId,departmentName,score," + StatsHeader + "\r\n" +
            "d,Dept,1,1,0,0,1,0,1,0,0,0,0,0,0,0,0,0,0,0,0,1,1,,\r\n",
            ReportCsv.Annual(assessment));
    }
}
