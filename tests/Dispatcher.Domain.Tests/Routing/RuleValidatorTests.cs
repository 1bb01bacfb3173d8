using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Routing;

namespace Dispatcher.Domain.Tests.Routing;

public sealed class RuleValidatorTests
{
    private static RoutingRule Good(string id = "r1") => new(id, "road-damage", "erqi", null, null, 0, "city-urban-management");

    [Fact]
    public void The_demo_rules_are_valid()
    {
        Assert.Empty(RuleValidator.Validate(DemoCity.City.Rules, DemoCity.City));
    }

    [Fact]
    public void An_unknown_category_department_or_district_is_reported_under_the_rule_index()
    {
        var errors = RuleValidator.Validate(
        [
            Good(),
            Good("r2") with { Category = "no-such-category" },
            Good("r3") with { DepartmentId = "no-such-department" },
            Good("r4") with { District = "no-such-district" },
        ], DemoCity.City);

        Assert.Equal(["rules[1].category", "rules[2].departmentId", "rules[3].district"], errors.Keys.Order());
        Assert.Contains("no-such-category", Assert.Single(errors["rules[1].category"]));
        Assert.Contains("no-such-department", Assert.Single(errors["rules[2].departmentId"]));
        Assert.Contains("no-such-district", Assert.Single(errors["rules[3].district"]));
    }

    [Fact]
    public void A_duplicate_rule_id_is_reported_on_the_second_occurrence()
    {
        var errors = RuleValidator.Validate([Good("same"), Good("other"), Good("same")], DemoCity.City);
        Assert.Equal(["rules[2].id"], errors.Keys);
        Assert.Contains("Duplicate", Assert.Single(errors["rules[2].id"]));
    }

    [Fact]
    public void Missing_ids_empty_attributes_and_empty_windows_are_reported()
    {
        var errors = RuleValidator.Validate(
        [
            Good("") ,
            Good("r2") with { Attributes = new() { [" "] = "x" } },
            Good("r3") with { Window = new TimeWindow(new TimeOnly(8, 0), new TimeOnly(8, 0)) },
        ], DemoCity.City);
        Assert.Equal(["rules[0].id", "rules[1].attributes", "rules[2].window"], errors.Keys.Order());
    }
}
