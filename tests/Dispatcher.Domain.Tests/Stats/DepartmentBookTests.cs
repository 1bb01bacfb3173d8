using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Stats;

namespace Dispatcher.Domain.Tests.Stats;

public sealed class DepartmentBookTests
{
    private const string Department = "city-urban-management";
    private static readonly DateTimeOffset Assigned = new(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);

    private readonly DepartmentLedger _ledger = new();
    private DepartmentBook Book => new(_ledger, DemoCity.City.MonthOf);

    private static DepartmentNotice Notice(string caseId, long sequence, DepartmentNoticeKind kind, DateTimeOffset? assignedAt = null, bool counts = true) =>
        new(caseId, sequence, kind, (assignedAt ?? Assigned).AddMinutes(sequence), assignedAt ?? Assigned, CaseStatus.Dispatched,
            "construction-noise", "erqi", CasePriority.Normal, null, counts);

    private DepartmentStats Stats(string month = "2026-11") => Book.Stats(Department, month);

    [Fact]
    public void A_redelivered_notice_is_applied_once()
    {
        Assert.True(Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned)));
        Assert.False(Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned)), "the same (case, sequence) again");
        Assert.True(Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Acknowledged)));
        Assert.False(Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned)), "an older sequence after a newer one");

        var stats = Stats();
        Assert.Equal((1, 1), (stats.Received, stats.Acknowledged));
    }

    [Fact]
    public void A_notice_redelivered_after_the_case_left_the_inbox_is_ignored()
    {
        Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned));
        Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Returned));

        Assert.False(Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Returned)));
        Assert.False(Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned)));

        Assert.Empty(Book.Inbox());
        Assert.Equal((1, 1), (Stats().Received, Stats().Returned));
    }

    [Fact]
    public void Steps_count_in_the_city_month_of_the_assignment()
    {
        var lateOctoberUtc = new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero); // 1 November 01:00 in Zhengzhou
        Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned, lateOctoberUtc));
        Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Acknowledged, lateOctoberUtc));

        Assert.Equal((1, 1), (Stats("2026-11").Received, Stats("2026-11").Acknowledged));
        Assert.Equal(0, Stats("2026-10").Received);
    }

    [Fact]
    public void A_late_step_counts_in_the_cohort_month_of_its_assignment_not_the_month_it_happened()
    {
        var october = new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero);
        Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned, october));
        Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Replied, october) with { At = Assigned });

        Assert.Equal((1, 1), (Stats("2026-10").Received, Stats("2026-10").Replied));
        Assert.Equal(0, Stats("2026-11").Replied);
    }

    [Fact]
    public void A_reopen_takes_back_the_resolution_until_the_case_is_resolved_again()
    {
        Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned));
        Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Acknowledged));
        Book.Apply(Notice("c1", 4, DepartmentNoticeKind.Replied));
        Book.Apply(Notice("c1", 5, DepartmentNoticeKind.Resolved));
        Assert.Equal((1, 0, 1.0), (Stats().Resolved, Stats().Reopened, Stats().ResolutionRate));

        Book.Apply(Notice("c1", 6, DepartmentNoticeKind.Reopened));
        Assert.Equal((0, 1, 0.0), (Stats().Resolved, Stats().Reopened, Stats().ResolutionRate));
        Assert.Single(Book.Inbox());

        Book.Apply(Notice("c1", 7, DepartmentNoticeKind.Acknowledged, counts: false));
        Book.Apply(Notice("c1", 8, DepartmentNoticeKind.Replied, counts: false));
        Book.Apply(Notice("c1", 9, DepartmentNoticeKind.Resolved));
        var stats = Stats();
        Assert.Equal((1, 1, 1, 1, 1), (stats.Received, stats.Acknowledged, stats.Replied, stats.Resolved, stats.Reopened));
        Assert.Equal((1.0, 1.0), (stats.ReplyRate, stats.ResolutionRate));
        Assert.Empty(Book.Inbox());
    }

    [Fact]
    public void Returned_and_withdrawn_cases_are_left_out_of_the_rate_base()
    {
        for (var i = 1; i <= 5; i++) Book.Apply(Notice($"c{i}", 2, DepartmentNoticeKind.Assigned));
        Book.Apply(Notice("c1", 3, DepartmentNoticeKind.Returned));
        Book.Apply(Notice("c2", 3, DepartmentNoticeKind.Withdrawn));
        Book.Apply(Notice("c3", 3, DepartmentNoticeKind.SentToArbitration));
        Book.Apply(Notice("c4", 3, DepartmentNoticeKind.Acknowledged));
        Book.Apply(Notice("c4", 4, DepartmentNoticeKind.Replied));

        var stats = Stats();
        Assert.Equal((5, 2, 1), (stats.Received, stats.Returned, stats.Withdrawn));
        Assert.Equal(1, stats.Replied);
        Assert.Equal(0.5, stats.ReplyRate); // 1 replied ÷ (5 − 2 − 1)
        Assert.Equal(0.0, stats.ResolutionRate);
        Assert.Equal(2, stats.OpenNow);
    }

    [Fact]
    public void The_inbox_holds_exactly_the_open_cases_oldest_assignment_first()
    {
        Book.Apply(Notice("late", 2, DepartmentNoticeKind.Assigned, Assigned.AddHours(1)));
        Book.Apply(Notice("early", 2, DepartmentNoticeKind.Assigned, Assigned));
        Book.Apply(Notice("gone", 2, DepartmentNoticeKind.Assigned));
        Book.Apply(Notice("gone", 3, DepartmentNoticeKind.Resolved));
        Book.Apply(Notice("ruled", 7, DepartmentNoticeKind.ArbitrationRuling, Assigned.AddHours(2)));

        Assert.Equal(["early", "late", "ruled"], Book.Inbox().Select(i => i.CaseId));
        Assert.Equal(3, Stats().OpenNow);
        Assert.Equal(4, Stats().Received);
    }

    [Fact]
    public void A_notice_that_does_not_count_moves_no_counter_but_still_updates_the_inbox()
    {
        Book.Apply(Notice("c1", 2, DepartmentNoticeKind.Assigned, counts: false));
        Assert.Equal(0, Stats().Received);
        Assert.Single(Book.Inbox());
    }

    [Fact]
    public void The_memory_of_departed_cases_is_bounded()
    {
        var book = new DepartmentBook(_ledger, DemoCity.City.MonthOf, departedMemory: 2);
        foreach (var id in new[] { "a", "b", "c" })
        {
            book.Apply(Notice(id, 2, DepartmentNoticeKind.Assigned));
            book.Apply(Notice(id, 3, DepartmentNoticeKind.Resolved));
        }
        Assert.Equal(["b", "c"], _ledger.Departed.Keys.Order());
    }

    [Fact]
    public void An_empty_month_has_zero_counts_and_no_rates()
    {
        var stats = Stats("2020-01");
        Assert.Equal((0, 0), (stats.Received, stats.Replied));
        Assert.Null(stats.ReplyRate);
        Assert.Null(stats.ResolutionRate);
    }
}
