using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Domain.Tests.Cases;

public sealed class CaseLifecycleTests
{
    [Fact]
    public void A_routed_case_goes_from_submit_to_close_through_every_department_step()
    {
        var s = new CaseScenario();

        var submitted = s.Submit();
        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        Assert.Equal("city-urban-management", s.State.DepartmentId);
        Assert.Equal("noise-city", s.State.RuleId);
        Assert.Equal(CaseAction.Route, submitted.Entry.Action);

        Assert.Equal(CaseStatus.Acknowledged, s.Acknowledge().Entry.To);
        Assert.Equal(CaseStatus.InProgress, s.Start().Entry.To);
        Assert.Equal(CaseStatus.Replied, s.Reply().Entry.To);
        Assert.Equal(CaseStatus.Resolved, s.Resolve().Entry.To);
        Assert.Equal(CaseStatus.Closed, s.Close().Entry.To);

        Assert.Equal(
            [CaseAction.Submit, CaseAction.Route, CaseAction.Acknowledge, CaseAction.Start, CaseAction.Reply, CaseAction.Resolve, CaseAction.Close],
            s.State.History.Select(h => h.Action));
        Assert.Equal(
            [CaseStatus.Received, CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Replied, CaseStatus.Resolved, CaseStatus.Closed],
            s.State.History.Select(h => h.To));
        Assert.Equal(CaseScenario.Channel, s.State.History[0].Actor);
        Assert.Equal(Actor.System, s.State.History[1].Actor);
        Assert.All(s.State.History.Skip(2).Take(4), h => Assert.Equal(ActorKind.Department, h.Actor.Kind));
        Assert.Equal(CaseScenario.Agent, s.State.History[6].Actor);
    }

    [Fact]
    public void A_case_no_rule_matches_goes_to_triage_and_notifies_nobody()
    {
        var s = new CaseScenario();

        var outcome = s.Submit(DemoCity.Intake(category: "other"));

        Assert.Equal(CaseStatus.Triage, s.State.Status);
        Assert.Null(s.State.DepartmentId);
        Assert.Equal(CaseAction.Triage, outcome.Entry.Action);
        // The triage queue is the case index's cases in this status (ADR-039): no notice to deliver.
        Assert.Empty(outcome.Notices);
        Assert.Equal(outcome.Entry.At, s.State.CreatedAt);
    }

    [Fact]
    public void Dispatching_from_triage_assigns_the_department_and_tells_only_the_department()
    {
        var s = CaseScenario.In(CaseStatus.Triage);

        var outcome = s.Dispatch("city-housing");

        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        Assert.Equal("city-housing", s.State.DepartmentId);
        Assert.Null(s.State.RuleId);
        Assert.Equal(
            [(NoticeTarget.Department("city-housing"), DepartmentNoticeKind.Assigned)],
            outcome.Notices.Select(n => (n.Target, n.Notice.Kind)));
    }

    [Fact]
    public void A_case_submitted_by_an_agent_records_the_agent()
    {
        var s = new CaseScenario();
        s.Submit(actor: CaseScenario.Agent);
        Assert.Equal("agent-7", s.State.TakenByAgent);
    }

    [Fact]
    public void A_citizen_may_not_submit_directly()
    {
        var s = new CaseScenario();
        Assert.Throws<Dispatcher.Abstractions.Errors.ForbiddenActionException>(() => s.Submit(actor: new Actor(ActorKind.Citizen, "c1")));
        Assert.False(s.State.Exists, "nothing may be stored for a refused submit");
    }

    [Fact]
    public void An_invalid_intake_is_refused_before_anything_is_stored()
    {
        var s = new CaseScenario();
        var ex = Assert.Throws<Dispatcher.Abstractions.Errors.ValidationException>(() => s.Submit(DemoCity.Intake(category: "no-such-category")));
        Assert.Equal(["category"], ex.Errors.Keys);
        Assert.False(s.State.Exists);
        Assert.Empty(s.State.History);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    public void A_resolved_or_closed_case_can_be_reopened_to_the_same_department(CaseStatus from)
    {
        var s = CaseScenario.In(from);
        var department = s.State.DepartmentId;

        var outcome = s.Reopen();

        Assert.Equal(CaseStatus.Reopened, s.State.Status);
        Assert.Equal(from, outcome.Entry.From);
        Assert.Equal(department, s.State.DepartmentId);
        Assert.Equal(1, s.State.Reopens);
        var notice = Assert.Single(outcome.Notices);
        Assert.Equal((department, DepartmentNoticeKind.Reopened), (notice.Target.Id, notice.Notice.Kind));

        // The department works it again.
        s.Acknowledge();
        s.Reply();
        s.Resolve();
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
    }

    [Fact]
    public void History_is_append_only_with_increasing_sequences_and_chained_states()
    {
        var s = new CaseScenario();
        s.Submit();
        var snapshots = new List<HistoryEntry[]> { s.State.History.ToArray() };
        s.Acknowledge(); snapshots.Add(s.State.History.ToArray());
        s.Return(); snapshots.Add(s.State.History.ToArray());
        s.Dispatch("city-environment"); snapshots.Add(s.State.History.ToArray());
        s.Acknowledge(); snapshots.Add(s.State.History.ToArray());
        s.Reply(); snapshots.Add(s.State.History.ToArray());
        s.Resolve(); snapshots.Add(s.State.History.ToArray());
        s.Reopen(); snapshots.Add(s.State.History.ToArray());

        // Every step keeps the earlier entries exactly as they were and adds one.
        for (var i = 1; i < snapshots.Count; i++)
        {
            Assert.Equal(snapshots[i - 1].Length + 1, snapshots[i].Length);
            Assert.Equal(snapshots[i - 1], snapshots[i].Take(snapshots[i - 1].Length));
        }

        var history = s.State.History;
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(h => h.Sequence));
        Assert.Equal(CaseStatus.Received, history[0].From);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].From == history[i - 1].To, $"entry {i} starts from {history[i].From} but entry {i - 1} ended in {history[i - 1].To}");
            Assert.True(history[i].At >= history[i - 1].At, $"entry {i} is earlier than entry {i - 1}");
        }
        Assert.Equal(history[^1].To, s.State.Status);
        Assert.Equal(history.Count, s.State.LastSequence);
    }
}
