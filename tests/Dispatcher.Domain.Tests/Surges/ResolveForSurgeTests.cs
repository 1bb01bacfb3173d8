using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Domain.Tests.Surges;

/// <summary>Closing a surge incident resolves its lead and joined cases through the workflow.</summary>
public sealed class ResolveForSurgeTests
{
    private static readonly Actor Supervisor = new(ActorKind.Supervisor, "zhou.min");

    [Theory]
    [InlineData(CaseStatus.Dispatched)]
    [InlineData(CaseStatus.Acknowledged)]
    [InlineData(CaseStatus.Replied)]
    [InlineData(CaseStatus.Reopened)]
    public void A_lead_case_with_its_department_is_resolved_and_the_department_counts_it(CaseStatus from)
    {
        var s = CaseScenario.In(from);
        var outcome = s.Workflow.ResolveForSurge(s.State, Supervisor, "SRG-1:close", "SRG-000001", "Main repaired, water back", s.Now.AddMinutes(5));
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
        Assert.Equal(CaseAction.Resolve, outcome.Entry.Action);
        Assert.Contains("SRG-000001", outcome.Entry.Note);
        var notice = Assert.Single(outcome.Notices);
        Assert.Equal(NoticeTarget.Department(s.State.DepartmentId!), notice.Target);
        Assert.Equal(DepartmentNoticeKind.Resolved, notice.Notice.Kind);
        Assert.True(notice.Notice.Counts);
        // The same request again changes nothing.
        Assert.True(s.Workflow.ResolveForSurge(s.State, Supervisor, "SRG-1:close", "SRG-000001", "Main repaired, water back", s.Now.AddMinutes(6)).Repeated);
    }

    [Fact]
    public void A_joined_report_is_resolved_without_a_department_and_its_callback_records_satisfaction_but_cannot_reopen_it()
    {
        var workflow = new CaseWorkflow(DemoCity.City);
        var state = new CaseState();
        var now = DemoCity.Local(2026, 12, 1, 10);
        var accepted = new IntakePlanner(DemoCity.City, mergeDuplicates: true)
            .Plan(new SubmitCase(CaseScenario.Channel, DemoCity.Intake("water-main-burst")), IntakeFacts.None, now).Accepted;
        workflow.SubmitMerged(state, "ZZ-TEST-0000-0002", accepted, "ZZ-TEST-0000-0001", now);

        var outcome = workflow.ResolveForSurge(state, Supervisor, "r1", "SRG-000001", "Main repaired", now.AddHours(1));
        Assert.Equal(CaseStatus.Resolved, state.Status);
        Assert.Empty(outcome.Notices);

        Assert.Throws<IllegalTransitionException>(() => workflow.Callback(state, CaseScenario.Agent, "cb-1", Satisfaction.Unsatisfied, "still dry", now.AddHours(2)));
        var satisfied = workflow.Callback(state, CaseScenario.Agent, "cb-2", Satisfaction.Satisfied, null, now.AddHours(2));
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.Empty(satisfied.Notices);
    }

    [Fact]
    public void A_case_already_finished_is_left_as_it_is_and_only_operators_may_close_a_surge()
    {
        var s = CaseScenario.In(CaseStatus.Closed);
        var before = s.State.History.Count;
        Assert.True(s.Workflow.ResolveForSurge(s.State, Supervisor, "r1", "SRG-000001", "Main repaired", s.Now).Repeated);
        Assert.Equal(before, s.State.History.Count);

        var open = CaseScenario.In(CaseStatus.Dispatched);
        Assert.Throws<ForbiddenActionException>(() => open.Workflow.ResolveForSurge(open.State, open.Department, "r1", "SRG-000001", "done", open.Now));
        Assert.Throws<ValidationException>(() => open.Workflow.ResolveForSurge(open.State, Supervisor, "r1", "SRG-000001", " ", open.Now));
    }
}
