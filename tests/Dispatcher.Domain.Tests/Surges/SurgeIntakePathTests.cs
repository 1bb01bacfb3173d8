using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;

namespace Dispatcher.Domain.Tests.Surges;

/// <summary>The intake decision's surge path: after first contact and partner transfer, before duplicate merging, never for an emergency.</summary>
public sealed class SurgeIntakePathTests
{
    private static readonly Actor Channel = new(ActorKind.Channel, "wechat");
    private static readonly IntakePlanner Planner = new(DemoCity.City, mergeDuplicates: true);
    private static readonly DateTimeOffset Now = DemoCity.Local(2026, 12, 1, 10);

    private static SurgeNotice Open(string category, string district) =>
        new("SRG-000001", category, district, "Burst main", "Known, being repaired", "Tell the caller", Now);

    [Fact]
    public void A_report_of_a_pair_with_an_open_surge_joins_it_before_duplicate_merging()
    {
        var surge = Open("water-main-burst", "erqi");
        var plan = Planner.Plan(new SubmitCase(Channel, DemoCity.Intake("water-main-burst", "erqi")), new IntakeFacts(Surge: surge), Now);
        Assert.Same(surge, Assert.IsType<IntakePath.JoinSurge>(plan.Path).Surge);
        // Without an open surge the same report takes the duplicate path as before.
        Assert.IsType<IntakePath.JoinIncidentOrRoute>(Planner.Plan(new SubmitCase(Channel, DemoCity.Intake("water-main-burst", "erqi")), IntakeFacts.None, Now).Path);
    }

    [Fact]
    public void A_surge_of_another_pair_is_not_joined()
    {
        var plan = Planner.Plan(new SubmitCase(Channel, DemoCity.Intake("water-main-burst", "jinshui")), new IntakeFacts(Surge: Open("water-main-burst", "erqi")), Now);
        Assert.IsType<IntakePath.JoinIncidentOrRoute>(plan.Path);
    }

    [Fact]
    public void An_emergency_is_never_counted_nor_joined_it_goes_to_its_line()
    {
        var command = new SubmitCase(Channel, DemoCity.Intake("gas-leak", "erqi"));
        Assert.Null(Planner.SurgeKeyFor(command));
        var plan = Planner.Plan(command, new IntakeFacts(Surge: Open("gas-leak", "erqi")), Now);
        Assert.Equal("fire-119", Assert.IsType<IntakePath.TransferToPartner>(plan.Path).Line.Id);
    }

    [Fact]
    public void Only_a_case_of_a_known_pair_is_counted_a_consultation_answered_at_first_contact_is_not()
    {
        Assert.Equal("water-main-burst|erqi", Planner.SurgeKeyFor(new SubmitCase(Channel, DemoCity.Intake("water-main-burst", "erqi"))));
        Assert.Null(Planner.SurgeKeyFor(new SubmitCase(Channel, DemoCity.Intake("no-such-category", "erqi"))));
        Assert.Null(Planner.SurgeKeyFor(new SubmitCase(Channel, DemoCity.Intake("water-main-burst", "atlantis"))));
        Assert.Null(Planner.SurgeKeyFor(new SubmitCase(Channel, DemoCity.Intake() with { Category = null! })));
        Assert.Null(Planner.SurgeKeyFor(new SubmitCase(new Actor(ActorKind.Agent, "agent-7"), DemoCity.Intake("heating", "erqi"), new FirstContactAnswer("kb-heating-season", null))));
    }
}
