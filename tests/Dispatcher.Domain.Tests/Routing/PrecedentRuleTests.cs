using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Routing;

namespace Dispatcher.Domain.Tests.Routing;

/// <summary>The rule a ruling becomes wins for the next case like the ruled one, and only for it.</summary>
public sealed class PrecedentRuleTests
{
    private static readonly RulingPrecedent Provenance = new("ZZ-AB12-CD34-EF56", "arbitration ruling: the committee's", "Agent agent-7", DateTimeOffset.UnixEpoch);

    private static PrecedentRequest Request(string category, string district, Dictionary<string, string>? attributes = null, int hour = 10) =>
        new(category, district, attributes ?? [], new TimeOnly(hour, 0), "city-water", Provenance);

    [Fact]
    public void The_rule_is_named_after_the_case_keeps_its_provenance_and_outranks_every_rule_of_the_category()
    {
        var rule = PrecedentRule.From(Request("construction-noise", "jinshui"), DemoCity.City.Rules);
        Assert.Equal("ruling-zz-ab12-cd34-ef56", rule.Id);
        Assert.Equal(Provenance, rule.Precedent);
        Assert.Equal(DemoCity.City.Rules.Where(r => r.Category == "construction-noise").Max(r => r.Priority) + 1, rule.Priority);
        Assert.Empty(RuleValidator.Validate([.. DemoCity.City.Rules, rule], DemoCity.City));
    }

    [Theory]
    [InlineData("jinshui", null)]
    [InlineData("erqi", null)]
    [InlineData("erqi", "construction-committee")]
    [InlineData("zhengdong", "construction-committee")]
    public void The_next_identical_case_routes_by_it_and_a_case_elsewhere_does_not(string district, string? siteManagedBy)
    {
        var attributes = siteManagedBy is null ? new Dictionary<string, string>() : new() { ["siteManagedBy"] = siteManagedBy };
        attributes["colour"] = "red"; // no rule reads it: it must not make the precedent narrower
        var rule = PrecedentRule.From(Request("construction-noise", district, attributes), DemoCity.City.Rules);
        Assert.True(rule.Attributes is null || !rule.Attributes.ContainsKey("colour"));
        var matcher = new RuleMatcher([.. DemoCity.City.Rules, rule]);

        Assert.Equal(rule.Id, matcher.Match("construction-noise", district, new Dictionary<string, string>(attributes) { ["colour"] = "blue" }, new TimeOnly(10, 0))?.Id);
        Assert.NotEqual(rule.Id, matcher.Match("construction-noise", district == "huiji" ? "shangjie" : "huiji", attributes, new TimeOnly(10, 0))?.Id);
    }

    [Fact]
    public void A_rule_with_a_time_window_that_takes_the_case_today_passes_its_window_on()
    {
        var night = new RoutingRule("night-noise", "social-noise", "erqi", null, new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0)), 0, "city-public-security");
        var day = new RoutingRule("day-noise", "social-noise", null, null, null, 0, "city-environment");
        var rule = PrecedentRule.From(Request("social-noise", "erqi", hour: 23), [night, day]);
        Assert.Equal(night.Window, rule.Window);
        var matcher = new RuleMatcher([night, day, rule]);
        Assert.Equal(rule.Id, matcher.Match("social-noise", "erqi", new Dictionary<string, string>(), new TimeOnly(23, 30))?.Id);
    }
}
