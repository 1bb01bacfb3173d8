using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Reports;

namespace Dispatcher.Domain.Tests.Reports;

public sealed class ReportPeriodsTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void The_current_quarter_is_the_one_of_the_city_local_date()
    {
        Assert.Equal("2027-Q1", ReportPeriods.QuarterOf(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), Beijing));
        Assert.Equal("2026-Q4", ReportPeriods.QuarterOf(new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero), Beijing));
    }

    [Fact]
    public void A_quarter_starts_on_the_first_of_its_first_month_in_city_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, Beijing), ReportPeriods.QuarterStart("2026-Q4", Beijing));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, Beijing), ReportPeriods.MonthStart("2026-11", Beijing));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026Q1")]
    [InlineData("1999-Q1")]
    public void A_malformed_quarter_is_refused_on_the_quarter_field(string quarter)
    {
        var error = Assert.Throws<ValidationException>(() => ReportPeriods.QuarterStart(quarter, Beijing));
        Assert.Equal(["quarter"], error.Errors.Keys);
    }

    [Fact]
    public void A_malformed_month_or_year_is_refused_on_its_field()
    {
        Assert.Equal(["month"], Assert.Throws<ValidationException>(() => ReportPeriods.MonthStart("2026-13", Beijing)).Errors.Keys);
        Assert.Equal(["year"], Assert.Throws<ValidationException>(() => ReportPeriods.Year(26, DateTimeOffset.UnixEpoch, Beijing)).Errors.Keys);
    }

    [Fact]
    public void The_year_defaults_to_the_city_local_year_and_has_twelve_months()
    {
        Assert.Equal(2027, ReportPeriods.Year(null, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), Beijing));
        Assert.Equal(["2026-01", "2026-02"], ReportPeriods.MonthsOf(2026).Take(2));
        Assert.Equal("2026-12", ReportPeriods.MonthsOf(2026)[^1]);
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    [InlineData("2101-01")]
    [InlineData("2026-13")]
    public void A_month_outside_the_years_reports_cover_is_refused_on_the_month_field(string month)
    {
        var ex = Assert.Throws<ValidationException>(() => ReportPeriods.MonthStart(month, TimeSpan.FromHours(8)));
        Assert.Equal(["month"], ex.Errors.Keys);
    }
}
