using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Routing;
using Dispatcher.Domain.Stats;

namespace Dispatcher.Domain.Tests.Cases;

/// <summary>Joint cases (ADR-027) in the workflow alone: co-assignment, co-part steps and who may take them, resolving with or without a reason.</summary>
public sealed class JointCaseWorkflowTests
{
    private const string Lead = "city-water";
    private const string Urban = "city-urban-management";
    private const string District = "erqi-government";
    private static readonly Dictionary<string, string> BlockedDrain = new() { ["cause"] = "blocked-drain" };

    private static Actor Clerk(string department) => CaseScenario.DepartmentUser(department);

    /// <summary>The demo rule drain-roadworks-erqi routes a blocked drain under road works to the water company with two co-departments.</summary>
    private static CaseScenario Joint() => Joint(out _);

    private static CaseScenario Joint(out CaseOutcome outcome)
    {
        var s = new CaseScenario();
        outcome = s.Submit(DemoCity.Intake("road-damage", "erqi", BlockedDrain));
        Assert.Equal(Lead, s.State.DepartmentId);
        Assert.Equal("drain-roadworks-erqi", s.State.RuleId);
        Assert.Equal([Urban, District], s.State.CoParts.Select(p => p.DepartmentId));
        Assert.Equal(CaseAction.CoAssign, s.State.History[^1].Action);
        Assert.Contains(outcome.Notices, n => n.Target == NoticeTarget.Department(Lead) && n.Notice is { Kind: DepartmentNoticeKind.Assigned, Role: CaseRole.Lead });
        foreach (var co in new[] { Urban, District })
            Assert.Contains(outcome.Notices, n => n.Target == NoticeTarget.Department(co) && n.Notice is { Kind: DepartmentNoticeKind.Assigned, Role: CaseRole.Co });
        return s;
    }

    private static CaseOutcome Co(CaseScenario s, string department, CoPartAction action, string? text = null, string? requestId = null, Actor? actor = null) =>
        s.Workflow.CoPart(s.State, new CoPartCommand(requestId ?? Guid.NewGuid().ToString("N"), actor ?? Clerk(department), department, action, text), s.Now.AddMinutes(1));

    private static CaseOutcome Resolve(CaseScenario s, string? reason, string requestId = "resolve-1") =>
        s.Workflow.Apply(s.State, CaseAction.Resolve, Clerk(Lead), requestId, "Drain cleared, road restored", s.Now.AddMinutes(2), reason: reason);

    private static void LeadReplies(CaseScenario s)
    {
        s.Acknowledge();
        s.Reply();
    }

    [Fact]
    public void A_joint_case_closes_only_when_the_lead_resolves_and_without_a_reason_only_once_every_co_department_replied()
    {
        var s = Joint();
        LeadReplies(s);
        Co(s, Urban, CoPartAction.Acknowledge);
        Co(s, Urban, CoPartAction.Reply, "Road works fenced off");
        var entries = s.State.History.Count;

        var refused = Assert.Throws<ValidationException>(() => Resolve(s, reason: null));
        Assert.Contains("reason", refused.Errors.Keys);
        Assert.Contains(District, refused.Errors["reason"][0]);
        Assert.Equal(CaseStatus.Replied, s.State.Status);
        Assert.Equal(entries, s.State.History.Count);

        Co(s, District, CoPartAction.Acknowledge);
        Co(s, District, CoPartAction.Reply, "Residents informed");
        var resolved = Resolve(s, reason: null);
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
        Assert.Equal(CaseAction.Resolve, resolved.Entry.Action);
        Assert.Equal(CaseAction.CoClose, s.State.History[^1].Action);
        Assert.DoesNotContain("reason", s.State.History[^1].Note);
        // Both co-departments get the closing notice; their parts keep what they replied.
        foreach (var co in new[] { Urban, District })
            Assert.Contains(resolved.Notices, n => n.Target == NoticeTarget.Department(co) && n.Notice is { Kind: DepartmentNoticeKind.CoClosed, Role: CaseRole.Co });
        Assert.All(s.State.CoParts, p => Assert.Equal(CoPartStatus.Replied, p.Status));
        Assert.Equal("Road works fenced off", s.State.CoPartOf(Urban)!.Reply);
    }

    [Fact]
    public void Resolving_before_a_co_department_replied_records_the_reason_and_closes_its_part()
    {
        var s = Joint();
        LeadReplies(s);
        Co(s, Urban, CoPartAction.Acknowledge);
        Co(s, Urban, CoPartAction.Reply, "Fenced");
        Resolve(s, reason: "District office unreachable; the citizen confirmed the drain flows");
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
        var close = s.State.History[^1];
        Assert.Equal(CaseAction.CoClose, close.Action);
        Assert.Contains($"resolved before {District} replied, reason: District office unreachable", close.Note);
        Assert.Equal(CoPartStatus.Closed, s.State.CoPartOf(District)!.Status);
        Assert.Equal(CoPartStatus.Replied, s.State.CoPartOf(Urban)!.Status);
        // A closed part takes no further step.
        Assert.Throws<IllegalTransitionException>(() => Co(s, District, CoPartAction.Acknowledge));
    }

    [Fact]
    public void A_released_co_department_no_longer_holds_up_the_resolution_and_its_reason_is_recorded()
    {
        var s = Joint();
        Assert.Throws<ValidationException>(() => Co(s, District, CoPartAction.Release, text: " "));
        Co(s, District, CoPartAction.Release, "The road works are the city's, not the district's");
        var part = s.State.CoPartOf(District)!;
        Assert.Equal(CoPartStatus.Released, part.Status);
        Assert.Equal("The road works are the city's, not the district's", part.ReleaseReason);
        Assert.True(part.ToView().Released);
        Assert.All(part.Deadlines, d => Assert.True(d.Done));
        Assert.Equal(CaseAction.CoRelease, s.State.History[^1].Action);

        Co(s, Urban, CoPartAction.Acknowledge);
        Co(s, Urban, CoPartAction.Reply, "Fenced");
        LeadReplies(s);
        var resolved = Resolve(s, reason: null);
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
        Assert.DoesNotContain(resolved.Notices, n => n.Target == NoticeTarget.Department(District));
    }

    [Fact]
    public void Only_the_co_department_itself_acts_on_its_part_never_the_lead_and_steps_go_in_order()
    {
        var s = Joint();
        Assert.Throws<ForbiddenActionException>(() => Co(s, Lead, CoPartAction.Acknowledge));                      // the lead as a co
        Assert.Throws<ForbiddenActionException>(() => Co(s, Urban, CoPartAction.Acknowledge, actor: Clerk(Lead)));  // the lead on another's part
        Assert.Throws<ForbiddenActionException>(() => Co(s, Urban, CoPartAction.Acknowledge, actor: CaseScenario.Agent));
        Assert.Throws<ForbiddenActionException>(() => Co(s, "city-transport", CoPartAction.Acknowledge));           // not a co-department
        Assert.Throws<IllegalTransitionException>(() => Co(s, Urban, CoPartAction.Reply, "early"));                 // not acknowledged yet
        Co(s, Urban, CoPartAction.Acknowledge);
        Assert.Throws<ValidationException>(() => Co(s, Urban, CoPartAction.Reply, text: null));
        var first = Co(s, Urban, CoPartAction.Reply, "Fenced", requestId: "co-reply-1");
        var again = Co(s, Urban, CoPartAction.Reply, "Fenced", requestId: "co-reply-1");
        Assert.True(again.Repeated);
        Assert.Equal(first.Entry.Sequence, again.Entry.Sequence);
        Assert.Single(s.State.History, h => h.Action == CaseAction.CoReply);
        Assert.Throws<IllegalTransitionException>(() => Co(s, Urban, CoPartAction.Release, "too late"));            // replied parts are done
        // The lead's own commands are not a co-department's.
        Assert.Throws<ForbiddenActionException>(() => s.Workflow.Apply(s.State, CaseAction.Acknowledge, Clerk(Urban), "x", null, s.Now));
    }

    [Fact]
    public void Co_departments_at_dispatch_are_checked_field_by_field_and_nothing_changes_when_refused()
    {
        var s = new CaseScenario();
        s.Submit(DemoCity.Intake(category: "other"));
        Assert.Equal(CaseStatus.Triage, s.State.Status);
        var entries = s.State.History.Count;
        var bad = Assert.Throws<ValidationException>(() => Dispatch(s, Lead, [Urban, "no-such-unit", Urban, Lead]));
        Assert.Equal(["coDepartments[1]", "coDepartments[2]", "coDepartments[3]"], bad.Errors.Keys.Order());
        var many = Assert.Throws<ValidationException>(() => Dispatch(s, Lead,
            ["city-environment", "city-transport", "city-housing", "city-market-regulation", "city-human-resources", Urban]));
        Assert.Contains("coDepartments", many.Errors.Keys);
        Assert.Equal(entries, s.State.History.Count);
        Assert.Equal(CaseStatus.Triage, s.State.Status);
        Assert.Empty(s.State.CoParts);

        var outcome = Dispatch(s, Lead, [Urban]);
        Assert.Equal(CaseAction.Dispatch, outcome.Entry.Action);
        Assert.Equal([Urban], s.State.CoParts.Select(p => p.DepartmentId));
    }

    [Fact]
    public void Returns_and_redispatch_work_for_the_lead_and_the_co_parts_stay_unless_the_dispatcher_changes_them()
    {
        var s = Joint();
        Co(s, Urban, CoPartAction.Acknowledge);
        s.Do(CaseAction.Return, Clerk(Lead), "Not the water company's: the drain belongs to the road works");
        Assert.Equal(CaseStatus.Returned, s.State.Status);
        Assert.Equal(2, s.State.CoParts.Count);
        // A co-department keeps working its part while the lead is being found.
        Co(s, Urban, CoPartAction.Reply, "Fenced");

        // A co-department cannot become the lead while it is one…
        var refused = Assert.Throws<ValidationException>(() => Dispatch(s, District, null));
        Assert.Contains("departmentId", refused.Errors.Keys);
        // …but the dispatcher may make it the lead by naming the co-departments anew.
        var outcome = Dispatch(s, District, [Urban, Lead]);
        Assert.Equal(District, s.State.DepartmentId);
        Assert.Equal([Urban, Lead], s.State.CoParts.Select(p => p.DepartmentId));
        Assert.Equal(CoPartStatus.Replied, s.State.CoPartOf(Urban)!.Status);  // kept, with its reply
        Assert.Contains(outcome.Notices, n => n.Target == NoticeTarget.Department(District) && n.Notice is { Kind: DepartmentNoticeKind.Withdrawn, Role: CaseRole.Co });
        Assert.Contains(outcome.Notices, n => n.Target == NoticeTarget.Department(Lead) && n.Notice is { Kind: DepartmentNoticeKind.Assigned, Role: CaseRole.Co });
        // One notice per department per history entry: the new lead's assignment and its co-part withdrawal have sequences of their own.
        Assert.Equal(outcome.Notices.Count, outcome.Notices.Select(n => (n.StoredTarget, n.Notice.Sequence)).Distinct().Count());
    }

    [Fact]
    public void A_departments_co_parts_are_counted_apart_from_its_own_cases_and_show_their_role_in_the_inbox()
    {
        var s = Joint(out var intake);
        var book = new DepartmentBook(new DepartmentLedger(), at => at.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        void Deliver(CaseOutcome o) { foreach (var n in o.Notices.Where(n => n.Target == NoticeTarget.Department(Urban))) book.Apply(n.Notice); }
        Deliver(intake);
        Assert.Equal(CaseRole.Co, Assert.Single(book.Inbox()).Role);
        Deliver(Co(s, Urban, CoPartAction.Acknowledge));
        Deliver(Co(s, Urban, CoPartAction.Reply, "Fenced"));
        LeadReplies(s);
        Deliver(Resolve(s, reason: "the district never answered"));
        Assert.Empty(book.Inbox());

        var stats = book.Stats(Urban, s.Now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((0, 0, 0), (stats.Received, stats.Acknowledged, stats.Replied));
        Assert.Equal(new CoHandledStats(1, 1, 1, 1, 1, 0, 0, 0, 1.0, 1.0), stats.CoHandled);
    }

    [Fact]
    public void A_routing_rule_naming_co_departments_is_checked_by_the_one_rule_validator()
    {
        var rule = new RoutingRule("joint", "road-damage", "erqi", null, null, 0, Lead, CoDepartments: [Urban, Lead, "nope", Urban]);
        var errors = RuleValidator.Validate([rule], DemoCity.City);
        Assert.Equal(["rules[0].coDepartments[1]", "rules[0].coDepartments[2]", "rules[0].coDepartments[3]"], errors.Keys.Order());
        Assert.Empty(RuleValidator.Validate([rule with { CoDepartments = [Urban, District] }], DemoCity.City));
    }

    [Fact]
    public void A_rule_whose_co_departments_no_longer_exist_still_routes_the_intake_with_the_ones_that_do()
    {
        var s = new CaseScenario();
        var accepted = s.Planner.Plan(new SubmitCase(CaseScenario.Channel, DemoCity.Intake("road-damage", "erqi")), Dispatcher.Domain.Cases.Intake.IntakeFacts.None, s.Now).Accepted;
        s.Workflow.Submit(s.State, CaseScenario.CaseId, accepted, new RoutingDecision(Lead, "old-rule", 1, CoDepartments: ["gone-unit", Urban, Lead, Urban]), s.Now);
        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        Assert.Equal([Urban], s.State.CoParts.Select(p => p.DepartmentId));
    }

    private static CaseOutcome Dispatch(CaseScenario s, string target, IReadOnlyList<string?>? co) =>
        s.Workflow.Apply(s.State, CaseAction.Dispatch, CaseScenario.Agent, Guid.NewGuid().ToString("N"), "joint work", s.Now.AddMinutes(1), target, coDepartments: co);
}
