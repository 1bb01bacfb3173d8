using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

/// <summary>
/// A co-department's part of a joint case (ADR-027) runs on its own acknowledge and reply clocks,
/// from the same SLA policy, ticked with the case and waking it through the same wake time.
/// </summary>
public sealed class JointCaseDeadlineTests
{
    private static readonly DateTimeOffset T0 = Local(2026, 11, 24, 9, 0); // a Tuesday
    private const string Co = "erqi-government";

    private static (CaseWorkflow Flow, CaseState Case) Joint()
    {
        var flow = Workflow();
        var state = new CaseState();
        flow.Submit(state, "ZZ-TEST-0000-0002", Accept(new SubmitCase(Channel, Intake()), T0),
            new RoutingDecision("city-water", "drain-roadworks-erqi", 1, CoDepartments: ["city-urban-management", Co]), T0);
        return (flow, state);
    }

    [Fact]
    public void A_co_part_gets_acknowledge_and_reply_clocks_of_the_same_policy_and_its_breach_is_counted_to_it_as_co_handled()
    {
        var (flow, c) = Joint();
        var part = c.CoPartOf(Co)!;
        Assert.Equal([DeadlineStep.Acknowledge, DeadlineStep.Reply], part.Deadlines.Select(d => d.Step));
        Assert.Equal(c.Deadlines.Single(d => d.Step == DeadlineStep.Acknowledge).Due, part.Deadlines[0].Due);
        Assert.Equal(c.Deadlines.Single(d => d.Step == DeadlineStep.Reply).Due, part.Deadlines[1].Due);

        // The lead acknowledges in time; the co-departments do not.
        flow.Apply(c, CaseAction.Acknowledge, Dept("city-water"), "ack", null, T0.AddMinutes(1));
        var late = flow.Tick(c, T0.AddMinutes(10));
        Assert.NotNull(late);
        Assert.True(part.Overdue);
        Assert.True(part.Deadlines[0].Breached);
        Assert.False(c.Overdue);                                   // the lead's own clock is not the co-parts'
        var breach = Assert.Single(late!.Notices, n => n.Target == NoticeTarget.Department(Co) && n.Notice.Kind == DepartmentNoticeKind.Overdue);
        Assert.Equal(CaseRole.Co, breach.Notice.Role);
        Assert.True(breach.Notice.Counts);
        Assert.Contains(c.History, h => h is { Action: CaseAction.Overdue, DepartmentId: Co });
        Assert.Null(flow.Tick(c, T0.AddMinutes(10)));             // fires once

        // A late acknowledgement is recorded as late.
        var ack = flow.CoPart(c, new CoPartCommand("co-ack", Dept(Co), Co, CoPartAction.Acknowledge), T0.AddMinutes(11));
        Assert.False(Assert.Single(ack.Notices).Notice.OnTime);
    }

    [Fact]
    public void Co_clocks_wake_the_case_and_keep_running_while_the_lead_returns_it_and_stop_when_the_lead_resolves()
    {
        var (flow, c) = Joint();
        flow.Apply(c, CaseAction.Acknowledge, Dept("city-water"), "ack", null, T0.AddMinutes(1));
        flow.Apply(c, CaseAction.Return, Dept("city-water"), "ret", "Not ours", T0.AddMinutes(2));
        Assert.Empty(c.Deadlines);
        // Only the co-parts' clocks are left: they set the wake time.
        Assert.Equal(T0.AddMinutes(5), flow.Deadlines!.NextWake(c));
        var fired = flow.Tick(c, T0.AddMinutes(5));
        Assert.NotNull(fired);
        Assert.All(fired!.Notices, n => Assert.Equal(CaseRole.Co, n.Notice.Role));

        flow.Apply(c, CaseAction.Dispatch, Agent, "redispatch", "The water company after all", T0.AddMinutes(6), "city-water");
        Assert.Equal(2, c.CoParts.Count);
        flow.Apply(c, CaseAction.Acknowledge, Dept("city-water"), "ack2", null, T0.AddMinutes(7));
        flow.Apply(c, CaseAction.Reply, Dept("city-water"), "reply", "Cleared", T0.AddMinutes(8));
        flow.Apply(c, CaseAction.Resolve, Dept("city-water"), "resolve", "Cleared", T0.AddMinutes(9), reason: "urgent: flooding");
        Assert.All(c.CoParts, p => Assert.All(p.Deadlines, d => Assert.True(d.Done)));
        Assert.Null(flow.Deadlines.NextWake(c));
    }
}
