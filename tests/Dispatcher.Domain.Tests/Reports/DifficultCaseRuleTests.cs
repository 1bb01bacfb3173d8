using Dispatcher.Domain.Reports;
using static Dispatcher.Domain.Tests.Reports.ReportRows;

namespace Dispatcher.Domain.Tests.Reports;

public sealed class DifficultCaseRuleTests
{
    [Fact]
    public void A_case_returned_once_and_otherwise_on_track_is_not_difficult()
    {
        var row = Row("ZZ-1", returns: 1);
        Assert.False(DifficultCaseRule.IsDifficult(row));
        Assert.Empty(DifficultCaseRule.ReasonsFor(row));
    }

    [Fact]
    public void A_case_returned_twice_is_difficult_and_the_reason_says_how_often()
    {
        Assert.Equal(["returned 2×"], DifficultCaseRule.ReasonsFor(Row("ZZ-2", returns: 2)));
        Assert.Equal(["returned 3×"], DifficultCaseRule.ReasonsFor(Row("ZZ-3", returns: 3)));
    }

    [Theory]
    [InlineData(true, false, 0, "overdue")]
    [InlineData(false, true, 0, "escalated")]
    [InlineData(false, false, 1, "reopened")]
    public void One_overdue_escalated_or_reopened_case_is_difficult_for_that_reason(bool overdue, bool escalated, int reopened, string reason)
    {
        var row = Row("ZZ-4", reopened: reopened, overdue: overdue, escalated: escalated);
        Assert.True(DifficultCaseRule.IsDifficult(row));
        Assert.Equal([reason], DifficultCaseRule.ReasonsFor(row));
    }

    [Fact]
    public void Every_reason_is_listed_in_the_review_order()
    {
        Assert.Equal(["overdue", "returned 2×", "reopened", "escalated"],
            DifficultCaseRule.ReasonsFor(Row("ZZ-5", returns: 2, reopened: 2, overdue: true, escalated: true)));
    }

    [Fact]
    public void The_thresholds_are_two_returns_and_one_reopening()
    {
        Assert.Equal((2, 1), (DifficultCaseRule.ReturnsAtLeast, DifficultCaseRule.ReopenedAtLeast));
    }
}
