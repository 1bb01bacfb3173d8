using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Stats;

namespace Dispatcher.Domain.Tests.Stats;

public sealed class RatesTests
{
    [Fact]
    public void There_is_no_rate_without_a_base()
    {
        Assert.Null(Rates.ReplyRate(new MonthCounters()));
        Assert.Null(Rates.ResolutionRate(new MonthCounters { Received = 2, Returned = 1, Withdrawn = 1 }));
        Assert.Null(Rates.Ratio(0, 0));
    }

    [Fact]
    public void The_base_never_goes_below_zero()
    {
        Assert.Equal(0, Rates.Answerable(new MonthCounters { Received = 1, Returned = 2, Withdrawn = 1 }));
    }

    [Theory]
    [InlineData(1, 3, 0.3333)]
    [InlineData(2, 3, 0.6667)]
    [InlineData(1, 8, 0.125)]
    [InlineData(3, 3, 1.0)]
    [InlineData(0, 7, 0.0)]
    public void Rates_are_rounded_to_four_decimals(int part, int whole, double expected)
    {
        Assert.Equal(expected, Rates.Ratio(part, whole));
    }

    [Fact]
    public void Reply_and_resolution_rates_use_received_minus_returned_minus_withdrawn()
    {
        var c = new MonthCounters { Received = 10, Returned = 2, Withdrawn = 1, Replied = 6, Resolved = 3 };
        Assert.Equal(7, Rates.Answerable(c));
        Assert.Equal(0.8571, Rates.ReplyRate(c));
        Assert.Equal(0.4286, Rates.ResolutionRate(c));
    }
}
