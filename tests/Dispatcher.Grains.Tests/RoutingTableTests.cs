using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;

namespace Dispatcher.Grains.Tests;

/// <summary>The rule table is shared by the whole cluster: every test that changes it puts the demo rules back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoutingTableTests(ClusterFixture fixture)
{
    private IRoutingTableGrain Table => fixture.Grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);

    [Fact]
    public async Task Replacing_with_a_stale_expected_version_is_a_conflict_and_changes_nothing()
    {
        var current = await Table.Get();

        var ex = await Assert.ThrowsAsync<ConflictException>(() => Table.Replace(fixture.City.Rules, current.Version - 1, Cases.Admin));

        Assert.Contains($"version {current.Version}", ex.Message);
        Assert.Equal(current.Version, await Table.GetVersion());
    }

    [Fact]
    public async Task Only_an_admin_may_replace_the_rules()
    {
        var version = await Table.GetVersion();

        await Assert.ThrowsAsync<ForbiddenActionException>(() => Table.Replace(fixture.City.Rules, version, Cases.NewAgent()));
        await Assert.ThrowsAsync<ForbiddenActionException>(() => Table.Replace(fixture.City.Rules, version, Cases.DepartmentUser("city-water")));

        Assert.Equal(version, await Table.GetVersion());
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_errors_keyed_by_rule_and_field()
    {
        var version = await Table.GetVersion();
        RoutingRule[] rules =
        [
            new("ok", "road-damage", null, null, null, 0, "city-urban-management"),
            new("bad-department", "road-damage", "erqi", null, null, 0, "ghost-department"),
            new("bad-category", "ghost-category", null, null, null, 0, "city-urban-management"),
            new("ok", "heating", null, null, null, 0, "city-housing"),
        ];

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Table.Replace(rules, version, Cases.Admin));

        Assert.Equal(["rules[1].departmentId", "rules[2].category", "rules[3].id"], ex.Errors.Keys.Order());
        Assert.Contains("ghost-department", Assert.Single(ex.Errors["rules[1].departmentId"]));
        Assert.Equal(version, await Table.GetVersion());
    }

    [Fact]
    public async Task After_a_replace_new_intakes_route_by_the_new_rules_and_record_rule_and_version()
    {
        var before = await Table.Get();
        RoutingRule added = new("other-erqi", "other", "erqi", null, null, 0, "erqi-government", "Erqi takes its own odd cases");
        try
        {
            var replaced = await Table.Replace([.. fixture.City.Rules, added], before.Version, Cases.Admin);
            Assert.Equal(before.Version + 1, replaced.Version);
            Assert.Equal(Cases.Admin.ToString(), replaced.UpdatedBy);

            var id = Cases.NewId();
            var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
            var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("other", "erqi")));

            Assert.Equal((CaseStatus.Dispatched, "erqi-government", "other-erqi"), (receipt.Status, receipt.DepartmentId, receipt.RuleId));
            var route = (await grain.Get()).History.Single(h => h.Action == CaseAction.Route);
            Assert.Equal($"rule other-erqi (rules v{replaced.Version})", route.Note);

            // Elsewhere "other" still has no rule.
            var elsewhere = await fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId()).Submit(new SubmitCase(Cases.Channel, Cases.Intake("other", "jinshui")));
            Assert.Equal(CaseStatus.Triage, elsewhere.Status);
        }
        finally
        {
            await Table.Replace(fixture.City.Rules, null, Cases.Admin);
        }

        var restored = await fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId()).Submit(new SubmitCase(Cases.Channel, Cases.Intake("other", "erqi")));
        Assert.Equal(CaseStatus.Triage, restored.Status);
    }
}
