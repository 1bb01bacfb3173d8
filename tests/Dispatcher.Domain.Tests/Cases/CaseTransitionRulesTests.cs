using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases;

namespace Dispatcher.Domain.Tests.Cases;

public sealed class CaseTransitionRulesTests
{
    /// <summary>The lifecycle (R4) written down independently of CaseWorkflow: where each command may start.</summary>
    private static readonly Dictionary<CaseAction, CaseStatus[]> Legal = new()
    {
        [CaseAction.Acknowledge] = [CaseStatus.Dispatched, CaseStatus.Reopened],
        [CaseAction.Start] = [CaseStatus.Acknowledged],
        [CaseAction.Reply] = [CaseStatus.Acknowledged, CaseStatus.InProgress],
        [CaseAction.Resolve] = [CaseStatus.Replied],
        [CaseAction.Return] = [CaseStatus.Dispatched, CaseStatus.Acknowledged],
        [CaseAction.Dispatch] = [CaseStatus.Triage, CaseStatus.Returned, CaseStatus.Arbitration, CaseStatus.Dispatched, CaseStatus.Acknowledged],
        [CaseAction.Close] = [CaseStatus.Resolved],
        [CaseAction.Reopen] = [CaseStatus.Resolved, CaseStatus.Closed],
    };

    private static readonly CaseStatus[] Reachable =
    [
        CaseStatus.Triage, CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Replied,
        CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Returned, CaseStatus.Arbitration, CaseStatus.Reopened,
    ];

    private static readonly CaseAction[] DepartmentActions =
        [CaseAction.Acknowledge, CaseAction.Start, CaseAction.Reply, CaseAction.Resolve, CaseAction.Return];

    /// <summary>States in which no department holds the case.</summary>
    private static readonly CaseStatus[] Unassigned = [CaseStatus.Triage, CaseStatus.Returned, CaseStatus.Arbitration];

    public static TheoryData<CaseStatus, CaseAction> IllegalTransitions()
    {
        var data = new TheoryData<CaseStatus, CaseAction>();
        foreach (var status in Reachable)
        foreach (var (action, from) in Legal)
        {
            if (from.Contains(status)) continue;
            if (DepartmentActions.Contains(action) && Unassigned.Contains(status)) continue; // see the test below
            data.Add(status, action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void An_illegal_transition_is_refused_naming_the_current_state_and_the_action(CaseStatus status, CaseAction action)
    {
        var s = CaseScenario.In(status);
        var before = s.State.History.Count;
        var actor = DepartmentActions.Contains(action) ? s.Department : CaseScenario.Agent;

        var ex = Assert.Throws<IllegalTransitionException>(() => s.Do(action, actor, "some text", "city-water"));

        Assert.Equal(CaseScenario.CaseId, ex.CaseId);
        Assert.Equal(status, ex.Current);
        Assert.Equal(action, ex.Action);
        Assert.Contains(status.ToString(), ex.Message);
        Assert.Contains(action.ToString(), ex.Message);
        Assert.Equal(before, s.State.History.Count);
        Assert.Equal(status, s.State.Status);
    }

    public static TheoryData<CaseStatus, CaseAction> DepartmentActionsOnUnassignedCases()
    {
        var data = new TheoryData<CaseStatus, CaseAction>();
        foreach (var status in Unassigned)
        foreach (var action in DepartmentActions)
            data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(DepartmentActionsOnUnassignedCases))]
    public void A_department_cannot_act_on_a_case_no_department_holds(CaseStatus status, CaseAction action)
    {
        var s = CaseScenario.In(status);
        Assert.Throws<ForbiddenActionException>(() => s.Do(action, CaseScenario.DepartmentUser("city-urban-management"), "text"));
        Assert.Equal(status, s.State.Status);
    }

    [Theory]
    [InlineData(CaseAction.Acknowledge)]
    [InlineData(CaseAction.Start)]
    [InlineData(CaseAction.Reply)]
    [InlineData(CaseAction.Return)]
    public void A_user_of_another_department_is_forbidden(CaseAction action)
    {
        var s = CaseScenario.In(action == CaseAction.Acknowledge || action == CaseAction.Return ? CaseStatus.Dispatched : CaseStatus.Acknowledged);
        var before = s.State.History.Count;

        var ex = Assert.Throws<ForbiddenActionException>(() => s.Do(action, CaseScenario.DepartmentUser("city-water"), "text"));

        Assert.Contains("city-water", ex.Message);
        Assert.Equal(before, s.State.History.Count);
    }

    public static TheoryData<CaseStatus, CaseAction, ActorKind> WrongActorKinds() => new()
    {
        { CaseStatus.Dispatched, CaseAction.Acknowledge, ActorKind.Agent },
        { CaseStatus.Dispatched, CaseAction.Acknowledge, ActorKind.Admin },
        { CaseStatus.Acknowledged, CaseAction.Reply, ActorKind.Agent },
        { CaseStatus.Replied, CaseAction.Resolve, ActorKind.Citizen },
        { CaseStatus.Dispatched, CaseAction.Return, ActorKind.Agent },
        { CaseStatus.Returned, CaseAction.Dispatch, ActorKind.Department },
        { CaseStatus.Triage, CaseAction.Dispatch, ActorKind.Channel },
        { CaseStatus.Resolved, CaseAction.Close, ActorKind.Department },
        { CaseStatus.Resolved, CaseAction.Reopen, ActorKind.Citizen },
        { CaseStatus.Closed, CaseAction.Reopen, ActorKind.Department },
        { CaseStatus.Dispatched, CaseAction.Acknowledge, ActorKind.System },
    };

    [Theory]
    [MemberData(nameof(WrongActorKinds))]
    public void The_wrong_kind_of_actor_is_refused(CaseStatus status, CaseAction action, ActorKind kind)
    {
        var s = CaseScenario.In(status);
        var actor = new Actor(kind, "someone", kind == ActorKind.Department ? s.State.DepartmentId : null);

        Assert.Throws<ForbiddenActionException>(() => s.Do(action, actor, "text", "city-water"));
        Assert.Equal(status, s.State.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Acknowledged, CaseAction.Reply, "text")]
    [InlineData(CaseStatus.Replied, CaseAction.Resolve, "text")]
    [InlineData(CaseStatus.Dispatched, CaseAction.Return, "reason")]
    [InlineData(CaseStatus.Returned, CaseAction.Dispatch, "reason")]
    [InlineData(CaseStatus.Resolved, CaseAction.Reopen, "reason")]
    public void A_command_that_needs_text_is_refused_without_it_naming_the_field(CaseStatus status, CaseAction action, string field)
    {
        foreach (var text in new[] { null, "", "   " })
        {
            var s = CaseScenario.In(status);
            var actor = DepartmentActionsContains(action) ? s.Department : CaseScenario.Agent;

            var ex = Assert.Throws<ValidationException>(() => s.Do(action, actor, text, "city-water"));

            Assert.Equal([field], ex.Errors.Keys);
            Assert.Equal(status, s.State.Status);
        }
    }

    private static bool DepartmentActionsContains(CaseAction action) => DepartmentActions.Contains(action);

    [Fact]
    public void A_dispatch_to_an_unknown_department_is_refused_naming_departmentId()
    {
        var s = CaseScenario.In(CaseStatus.Triage);
        var ex = Assert.Throws<ValidationException>(() => s.Dispatch("no-such-department"));
        Assert.Equal(["departmentId"], ex.Errors.Keys);
        Assert.Equal(CaseStatus.Triage, s.State.Status);
    }

    [Fact]
    public void A_command_without_request_id_is_refused()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);
        var ex = Assert.Throws<ValidationException>(() => s.Workflow.Apply(s.State, CaseAction.Acknowledge, s.Department, " ", null, s.Now));
        Assert.Equal(["requestId"], ex.Errors.Keys);
    }

    [Fact]
    public void A_repeated_request_id_returns_the_first_entry_and_changes_nothing()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);
        var first = s.Do(CaseAction.Acknowledge, s.Department, null, requestId: "ack-1");
        var count = s.State.History.Count;
        var status = s.State.Status;

        var again = s.Do(CaseAction.Acknowledge, s.Department, null, requestId: "ack-1");

        Assert.True(again.Repeated, "a repeat must be flagged so the grain does not store or deliver anything");
        Assert.Equal(first.Entry, again.Entry);
        Assert.Empty(again.Notices);
        Assert.Equal(count, s.State.History.Count);
        Assert.Equal(status, s.State.Status);
    }

    [Fact]
    public void A_repeated_request_id_is_answered_even_when_the_command_would_now_be_illegal()
    {
        var s = CaseScenario.In(CaseStatus.Acknowledged);
        var reply = s.Do(CaseAction.Reply, s.Department, "done", requestId: "reply-1");
        s.Resolve();
        var count = s.State.History.Count;

        // The client never saw the answer to its reply and retries after the case moved on.
        var again = s.Do(CaseAction.Reply, s.Department, "done", requestId: "reply-1");

        Assert.Equal(reply.Entry, again.Entry);
        Assert.Equal(count, s.State.History.Count);
        Assert.Equal(CaseStatus.Resolved, s.State.Status);
    }

    [Fact]
    public void Commands_on_a_case_that_does_not_exist_throw_case_not_found()
    {
        var workflow = new CaseWorkflow(DemoCity.City);
        var ex = Assert.Throws<CaseNotFoundException>(() =>
            workflow.Apply(new CaseState { Id = "ZZ-NONE" }, CaseAction.Acknowledge, CaseScenario.Agent, "r1", null, DateTimeOffset.UtcNow));
        Assert.Equal("ZZ-NONE", ex.CaseId);
    }
}
