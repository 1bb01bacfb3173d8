using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

public sealed class WorkingCalendarTests
{
    [Theory]
    [InlineData("2026-11-27", 1, "2026-11-30")] // Friday + 1 → Monday (weekend skipped)
    [InlineData("2026-11-26", 2, "2026-11-30")] // Thursday + 2 → Monday
    [InlineData("2026-09-30", 1, "2026-10-08")] // the day before National Day → after the 7 holidays
    [InlineData("2026-09-18", 1, "2026-09-20")] // Friday + 1 → Sunday 20 Sep, a make-up working day
    [InlineData("2026-10-09", 1, "2026-10-10")] // Friday + 1 → Saturday 10 Oct, a make-up working day
    [InlineData("2026-02-13", 1, "2026-02-14")] // Friday + 1 → Saturday 14 Feb (make-up before Spring Festival)
    [InlineData("2026-02-14", 1, "2026-02-24")] // then the nine Spring Festival days are skipped
    [InlineData("2026-12-31", 1, "2027-01-01")] // outside the data: plain weekdays
    [InlineData("2026-11-28", 1, "2026-11-30")] // starting on a Saturday counts from Monday
    public void Working_days_skip_weekends_and_holidays_and_count_make_up_days(string start, int days, string expected)
    {
        var from = DateOnly.Parse(start).ToDateTime(new TimeOnly(15, 30));
        var due = Calendar.AddWorkingDays(new DateTimeOffset(from, TimeSpan.FromHours(8)), days);

        var local = due.ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(DateOnly.Parse(expected), DateOnly.FromDateTime(local.DateTime));
        Assert.Equal(new TimeOnly(15, 30), TimeOnly.FromDateTime(local.DateTime));
    }

    [Fact]
    public void Holidays_are_not_working_days_and_make_up_weekends_are()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 2, 16)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 1, 4)));  // Sunday, make-up
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 5, 9)));  // Saturday, make-up
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 11, 29))); // an ordinary Sunday
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 11, 27))); // an ordinary Friday
    }
}
