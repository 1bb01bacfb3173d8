using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

public sealed class DeadlineTickTests
{
    private static readonly DateTimeOffset T0 = Local(2026, 11, 24, 9, 0); // a Tuesday

    private static (CaseWorkflow Flow, CaseState Case) Dispatched(DateTimeOffset at, string category = "road-damage", CasePriority priority = CasePriority.Normal)
    {
        var flow = Workflow();
        var state = new CaseState();
        flow.Submit(state, "ZZ-TEST-0000-0001", Demo.Accept(new SubmitCase(Channel, Intake(category, priority: priority)), at), new RoutingDecision("city-urban-management", "road-city", 1), at);
        return (flow, state);
    }

    private static string[] Actions(CaseOutcome? outcome, CaseState state, int from) =>
        outcome is null ? [] : state.History.Skip(from).Select(h => h.Action + (h.Note is { } n && n.Contains('%') ? ":" + n.Split(':')[1].Trim().Split(' ')[0] : "")).ToArray();

    [Fact]
    public void Each_acknowledge_warning_breach_supervision_and_escalation_fires_exactly_once_at_its_moment()
    {
        var (flow, c) = Dispatched(T0);
        Assert.Equal(T0.AddMinutes(5), flow.Deadlines!.NextWake(c));

        Assert.Null(flow.Tick(c, T0.AddMinutes(5).AddSeconds(-1)));

        var n = c.History.Count;
        var first = flow.Tick(c, T0.AddMinutes(5));
        Assert.Equal(["Warn:50"], Actions(first, c, n));
        Assert.Equal(T0.AddMinutes(5), c.History[^1].At);
        Assert.Null(flow.Tick(c, T0.AddMinutes(5)));          // a duplicate tick fires nothing
        Assert.Null(flow.Tick(c, T0.AddMinutes(7)));

        n = c.History.Count;
        var late = flow.Tick(c, T0.AddMinutes(20));             // a late tick catches up, in time order
        Assert.Equal(["Warn:75", "Warn:90", "Overdue", "Supervise"], Actions(late, c, n));
        Assert.Equal([T0.AddMinutes(7.5), T0.AddMinutes(9), T0.AddMinutes(10), T0.AddMinutes(10)], c.History.Skip(n).Select(h => h.At));
        Assert.True(c.Overdue);
        var supervisionDue = Local(2026, 11, 26, 9, 10);          // two working days after the breach
        Assert.Equal(supervisionDue, c.SupervisionDue);
        Assert.Contains(late!.Notices, p => p.Notice.Kind == DepartmentNoticeKind.Overdue && p.Notice.Counts);
        Assert.Contains(late.Notices, p => p.Notice.Kind == DepartmentNoticeKind.Supervised);

        Assert.Null(flow.Tick(c, supervisionDue.AddSeconds(-1)));
        n = c.History.Count;
        var escalation = flow.Tick(c, supervisionDue);
        Assert.Equal(["Escalate"], Actions(escalation, c, n));
        // The discipline inspection list is the index's escalated cases (ADR-040): no notice of its own.
        Assert.True(c.Escalated);
        Assert.DoesNotContain(escalation!.Notices, p => p.Target == NoticeTarget.Discipline);
        Assert.Contains(escalation.Notices, p => p.Target == NoticeTarget.Department("city-urban-management") && p.Notice.Kind == DepartmentNoticeKind.Escalated);

        Assert.Single(c.History, h => h.Action == CaseAction.Escalate);
        Assert.Null(flow.Tick(c, supervisionDue.AddHours(1)));
        Assert.Equal(1, c.History.Count(h => h.Action == CaseAction.Overdue));
    }

    [Fact]
    public void A_case_handled_in_time_fires_nothing()
    {
        var (flow, c) = Dispatched(T0);
        var dept = Dept("city-urban-management");
        flow.Apply(c, CaseAction.Acknowledge, dept, "r1", null, T0.AddMinutes(3));
        Assert.Null(flow.Tick(c, T0.AddMinutes(30)));
        flow.Apply(c, CaseAction.Reply, dept, "r2", "On it", T0.AddHours(20));
        Assert.Null(flow.Tick(c, T0.AddDays(6)));
        var resolve = flow.Apply(c, CaseAction.Resolve, dept, "r3", "Fixed", T0.AddDays(6));

        Assert.True(resolve.Notices.Single().Notice.OnTime);
        Assert.False(resolve.Notices.Single().Notice.WasOverdue);
        Assert.Null(flow.Deadlines!.NextWake(c));
        Assert.Null(flow.Tick(c, T0.AddDays(60)));
        Assert.DoesNotContain(c.History, h => h.Action is CaseAction.Warn or CaseAction.Overdue or CaseAction.Supervise or CaseAction.Escalate);
    }

    [Fact]
    public void A_late_acknowledgement_stops_the_escalation_and_counts_as_late()
    {
        var (flow, c) = Dispatched(T0);
        Assert.NotNull(flow.Tick(c, T0.AddMinutes(12)));
        var ack = flow.Apply(c, CaseAction.Acknowledge, Dept("city-urban-management"), "r1", null, T0.AddMinutes(12));

        Assert.False(ack.Notices.Single().Notice.OnTime);
        Assert.True(ack.Notices.Single().Notice.WasOverdue);
        Assert.Null(flow.Tick(c, Local(2026, 11, 26, 10, 0))); // supervision ends, but the breached step is done
        Assert.DoesNotContain(c.History, h => h.Action == CaseAction.Escalate);
    }

    [Fact]
    public void Urgent_cases_must_be_answered_in_two_hours_and_utilities_in_a_day()
    {
        var (_, urgent) = Dispatched(T0, priority: CasePriority.Urgent);
        Assert.Equal(T0.AddHours(2), urgent.Deadlines.Single(d => d.Step == DeadlineStep.Reply).Due);
        var (_, water) = Dispatched(T0, "water-outage");
        Assert.Equal(T0.AddHours(24), water.Deadlines.Single(d => d.Step == DeadlineStep.Reply).Due);
        var (_, general) = Dispatched(T0);
        Assert.Equal(T0.AddDays(7), general.Deadlines.Single(d => d.Step == DeadlineStep.Reply).Due);
        Assert.Equal(T0.AddMinutes(10), general.Deadlines.Single(d => d.Step == DeadlineStep.Acknowledge).Due);
        var (_, complex) = Dispatched(T0, "illegal-construction");
        Assert.Equal(T0.AddDays(15), complex.Deadlines.Single(d => d.Step == DeadlineStep.Reply).Due);
    }

    [Fact]
    public void A_return_after_the_two_working_day_window_is_refused()
    {
        var friday = Local(2026, 11, 27, 16, 0);
        var (flow, c) = Dispatched(friday);
        var dept = Dept("city-urban-management");

        // Friday 16:00 + 2 working days = Tuesday 16:00: Monday is still inside the window.
        var refused = Assert.Throws<IllegalTransitionException>(() =>
            flow.Apply(c, CaseAction.Return, dept, "r1", "not ours", Local(2026, 12, 1, 16, 1)));
        Assert.Contains("return window", refused.Message);

        var (flow2, c2) = Dispatched(friday);
        var ok = flow2.Apply(c2, CaseAction.Return, dept, "r1", "not ours", Local(2026, 11, 30, 10, 0));
        Assert.Equal(CaseStatus.Returned, ok.Entry.To);
        Assert.Empty(c2.Deadlines);
    }

    [Fact]
    public void An_unsatisfied_callback_reopens_the_case_with_fresh_deadlines()
    {
        var (flow, c) = Dispatched(T0);
        var dept = Dept("city-urban-management");
        flow.Apply(c, CaseAction.Acknowledge, dept, "a", null, T0.AddMinutes(1));
        flow.Apply(c, CaseAction.Reply, dept, "b", "done", T0.AddHours(1));
        flow.Apply(c, CaseAction.Resolve, dept, "c", "done", T0.AddHours(2));
        var later = T0.AddDays(3);

        var callback = flow.Callback(c, Agent, "cb", Satisfaction.Unsatisfied, "still broken", later);

        Assert.Equal(CaseStatus.Reopened, c.Status);
        Assert.Equal([CaseAction.Callback, CaseAction.Reopen], c.History.TakeLast(2).Select(h => h.Action));
        Assert.Equal(later.AddMinutes(10), c.Deadlines.Single(d => d.Step == DeadlineStep.Acknowledge).Due);
        Assert.Contains(callback.Notices, p => p.Notice.Kind == DepartmentNoticeKind.CallbackRecorded && p.Notice.Satisfaction == Satisfaction.Unsatisfied);
        Assert.Contains(callback.Notices, p => p.Notice.Kind == DepartmentNoticeKind.Reopened);
        Assert.Same(callback.Entry, flow.Callback(c, Agent, "cb", Satisfaction.Unsatisfied, "again", later).Entry);

        flow.Apply(c, CaseAction.Acknowledge, dept, "d", null, later.AddMinutes(2));
        flow.Apply(c, CaseAction.Reply, dept, "e", "really done", later.AddHours(1));
        flow.Apply(c, CaseAction.Resolve, dept, "f", "really done", later.AddHours(2));
        flow.Callback(c, Agent, "cb2", Satisfaction.BasicallySatisfied, null, later.AddDays(1));
        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.Empty(c.Deadlines);
    }
}
