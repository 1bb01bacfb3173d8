using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Routing;

namespace Dispatcher.Domain.Tests.Routing;

public sealed class RuleMatcherTests
{
    private static readonly RuleMatcher Demo = new(DemoCity.City.Rules);
    private static readonly TimeOnly Noon = new(12, 0);
    private static readonly Dictionary<string, string> NoAttributes = [];
    private static readonly Dictionary<string, string> CommitteeSite = new() { ["siteManagedBy"] = "construction-committee" };

    // The three cases of the source article, with the shipped demo rules.

    [Fact]
    public void Construction_noise_in_erqi_goes_to_city_urban_management()
    {
        var rule = Demo.Match("construction-noise", "erqi", NoAttributes, Noon);
        Assert.Equal(("noise-city", "city-urban-management"), (rule?.Id, rule?.DepartmentId));
    }

    [Fact]
    public void Construction_noise_in_jinshui_goes_to_the_jinshui_environment_bureau()
    {
        var rule = Demo.Match("construction-noise", "jinshui", NoAttributes, Noon);
        Assert.Equal(("noise-jinshui", "jinshui-environment"), (rule?.Id, rule?.DepartmentId));
    }

    [Theory]
    [InlineData("erqi")]
    [InlineData("jinshui")]
    public void Construction_noise_on_a_committee_managed_site_goes_to_the_construction_committee_in_every_district(string district)
    {
        var rule = Demo.Match("construction-noise", district, CommitteeSite, Noon);
        Assert.Equal(("noise-committee-sites", "city-construction-committee"), (rule?.Id, rule?.DepartmentId));
    }

    [Theory]
    [InlineData("construction-committee")]
    [InlineData("Construction-Committee")]
    [InlineData("CONSTRUCTION-COMMITTEE")]
    public void Attribute_values_match_ignoring_case(string value)
    {
        var rule = Demo.Match("construction-noise", "erqi", new Dictionary<string, string> { ["siteManagedBy"] = value }, Noon);
        Assert.Equal("city-construction-committee", rule?.DepartmentId);
    }

    [Fact]
    public void An_attribute_with_another_value_does_not_match()
    {
        var rule = Demo.Match("construction-noise", "erqi", new Dictionary<string, string> { ["siteManagedBy"] = "developer" }, Noon);
        Assert.Equal("noise-city", rule?.Id);
    }

    [Theory]
    [InlineData(23, 30, "city-public-security")]
    [InlineData(22, 0, "city-public-security")]
    [InlineData(2, 0, "city-public-security")]
    [InlineData(5, 59, "city-public-security")]
    [InlineData(6, 0, "city-urban-management")]
    [InlineData(14, 0, "city-urban-management")]
    [InlineData(21, 59, "city-urban-management")]
    public void Social_noise_goes_to_the_police_at_night_and_to_urban_management_by_day(int hour, int minute, string department)
    {
        var rule = Demo.Match("social-noise", "erqi", NoAttributes, new TimeOnly(hour, minute));
        Assert.Equal(department, rule?.DepartmentId);
    }

    [Fact]
    public void The_local_time_of_a_utc_instant_picks_the_window()
    {
        // 15:30Z is 23:30 in Zhengzhou.
        var at = new DateTimeOffset(2026, 5, 1, 15, 30, 0, TimeSpan.Zero);
        Assert.Equal(new TimeOnly(23, 30), DemoCity.City.LocalTimeOf(at));
        Assert.Equal("city-public-security", Demo.Match("social-noise", "erqi", NoAttributes, DemoCity.City.LocalTimeOf(at))?.DepartmentId);
    }

    [Fact]
    public void No_matching_rule_gives_null()
    {
        Assert.Null(Demo.Match("other", "erqi", NoAttributes, Noon));
        Assert.Null(Demo.Match("no-such-category", "erqi", NoAttributes, Noon));
    }

    [Fact]
    public void A_more_specific_rule_beats_a_higher_priority_one()
    {
        var matcher = new RuleMatcher(
        [
            Rule("general", priority: 100),
            Rule("district", district: "erqi", priority: 1),
            Rule("district-and-attribute", district: "erqi", attributes: new() { ["kind"] = "x" }, priority: 0),
        ]);

        Assert.Equal("district", matcher.Match("road-damage", "erqi", NoAttributes, Noon)?.Id);
        Assert.Equal("district-and-attribute", matcher.Match("road-damage", "erqi", new Dictionary<string, string> { ["kind"] = "X" }, Noon)?.Id);
        Assert.Equal("general", matcher.Match("road-damage", "jinshui", NoAttributes, Noon)?.Id);
    }

    [Fact]
    public void Priority_breaks_a_tie_of_specificity_and_then_the_rule_id()
    {
        var matcher = new RuleMatcher(
        [
            Rule("b-district", district: "erqi", priority: 1),
            Rule("a-window", window: new TimeWindow(new TimeOnly(8, 0), new TimeOnly(18, 0)), priority: 5),
        ]);
        Assert.Equal("a-window", matcher.Match("road-damage", "erqi", NoAttributes, Noon)?.Id);
        Assert.Equal("b-district", matcher.Match("road-damage", "erqi", NoAttributes, new TimeOnly(20, 0))?.Id);

        var tied = new RuleMatcher([Rule("b", priority: 1), Rule("a", priority: 1)]);
        Assert.Equal("a", tied.Match("road-damage", "erqi", NoAttributes, Noon)?.Id);
    }

    [Fact]
    public void A_rule_needs_every_attribute_it_names()
    {
        var matcher = new RuleMatcher([Rule("both", attributes: new() { ["a"] = "1", ["b"] = "2" })]);
        Assert.Null(matcher.Match("road-damage", "erqi", new Dictionary<string, string> { ["a"] = "1" }, Noon));
        Assert.Equal("both", matcher.Match("road-damage", "erqi", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" }, Noon)?.Id);
    }

    [Theory]
    [InlineData(8, 0, 18, 0, 8, 0, true)]
    [InlineData(8, 0, 18, 0, 18, 0, false)]
    [InlineData(8, 0, 18, 0, 7, 59, false)]
    [InlineData(22, 0, 6, 0, 0, 0, true)]
    [InlineData(22, 0, 6, 0, 6, 0, false)]
    [InlineData(22, 0, 6, 0, 21, 59, false)]
    public void A_window_includes_its_start_and_excludes_its_end(int fh, int fm, int th, int tm, int h, int m, bool inside)
    {
        Assert.Equal(inside, RuleMatcher.InWindow(new TimeWindow(new TimeOnly(fh, fm), new TimeOnly(th, tm)), new TimeOnly(h, m)));
    }

    private static RoutingRule Rule(string id, string? district = null, Dictionary<string, string>? attributes = null,
        TimeWindow? window = null, int priority = 0, string category = "road-damage", string department = "city-urban-management") =>
        new(id, category, district, attributes, window, priority, department);
}
