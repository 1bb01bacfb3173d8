using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Reports;
using static Dispatcher.Domain.Tests.Reports.ReportRows;

namespace Dispatcher.Domain.Tests.Reports;

public sealed class FakeClosureRuleTests
{
    private const string Dept = "jinshui-environment";
    private static readonly Actor Clerk = new(ActorKind.Department, "clerk-1", Dept);
    private static readonly Actor Agent = new(ActorKind.Agent, "agent-7");

    /// <summary>A history written by hand, as a case imported from another system may carry.</summary>
    private static List<HistoryEntry> History(params (CaseAction Action, CaseStatus To, string? Department)[] steps)
    {
        var history = new List<HistoryEntry>();
        var from = CaseStatus.Received;
        foreach (var (action, to, department) in steps)
        {
            history.Add(new HistoryEntry(history.Count + 1, Created.AddMinutes(history.Count), action is CaseAction.Callback or CaseAction.Dispatch ? Agent : Clerk,
                action, from, to, department, "n", $"r{history.Count}"));
            from = to;
        }
        return history;
    }

    private static readonly (CaseAction, CaseStatus, string?) Routed = (CaseAction.Route, CaseStatus.Dispatched, Dept);
    private static readonly (CaseAction, CaseStatus, string?) Submitted = (CaseAction.Submit, CaseStatus.Received, null);

    [Fact]
    public void A_case_resolved_without_a_reply_shows_that_sign_only()
    {
        var signs = FakeClosureRule.Find(History(Submitted, Routed, (CaseAction.Acknowledge, CaseStatus.Acknowledged, Dept),
            (CaseAction.Resolve, CaseStatus.Resolved, Dept)));

        Assert.Equal(new FakeClosureSigns(ResolvedWithoutReply: true, SatisfiedWithoutAcknowledge: false), signs);
    }

    [Fact]
    public void A_satisfied_callback_on_a_case_never_acknowledged_shows_that_sign_only()
    {
        var signs = FakeClosureRule.Find(History(Submitted, Routed, (CaseAction.Reply, CaseStatus.Replied, Dept),
            (CaseAction.Resolve, CaseStatus.Resolved, Dept), (CaseAction.Callback, CaseStatus.Closed, Dept)));

        Assert.Equal(new FakeClosureSigns(ResolvedWithoutReply: false, SatisfiedWithoutAcknowledge: true), signs);
    }

    [Fact]
    public void An_unsatisfied_callback_is_not_a_satisfied_one_and_a_reply_before_a_redispatch_does_not_count_for_the_next_department()
    {
        var unsatisfied = FakeClosureRule.Find(History(Submitted, Routed, (CaseAction.Reply, CaseStatus.Replied, Dept),
            (CaseAction.Resolve, CaseStatus.Resolved, Dept), (CaseAction.Callback, CaseStatus.Resolved, Dept)));
        Assert.Equal(new FakeClosureSigns(false, false), unsatisfied);

        var redispatched = FakeClosureRule.Find(History(Submitted, Routed, (CaseAction.Acknowledge, CaseStatus.Acknowledged, Dept),
            (CaseAction.Reply, CaseStatus.Replied, Dept), (CaseAction.Dispatch, CaseStatus.Dispatched, "city-water"),
            (CaseAction.Resolve, CaseStatus.Resolved, "city-water"), (CaseAction.Callback, CaseStatus.Closed, "city-water")));
        Assert.Equal(new FakeClosureSigns(true, true), redispatched);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Reopened)]
    [InlineData(CaseStatus.Arbitration)]
    public void Every_path_the_workflow_allows_shows_no_sign(CaseStatus status)
    {
        var s = CaseScenario.In(status);
        Assert.Equal(new FakeClosureSigns(false, false), FakeClosureRule.Find(s.State.History));
    }

    [Fact]
    public void A_satisfied_callback_through_the_workflow_shows_no_sign()
    {
        var s = CaseScenario.In(CaseStatus.Resolved);
        s.Workflow.Callback(s.State, CaseScenario.Agent, "cb-1", Satisfaction.Satisfied, "fine", s.Now.AddMinutes(5));

        Assert.Equal(CaseStatus.Closed, s.State.Status);
        Assert.Equal(new FakeClosureSigns(false, false), FakeClosureRule.Find(s.State.History));
    }

    [Fact]
    public void A_flagged_row_is_difficult_with_each_sign_as_a_reason_after_the_others()
    {
        var row = Row("ZZ-F", returns: 2) with { ResolvedWithoutReply = true, SatisfiedWithoutAcknowledge = true };

        Assert.True(DifficultCaseRule.IsDifficult(Row("ZZ-G") with { SatisfiedWithoutAcknowledge = true }));
        Assert.True(FakeClosureRule.IsSuspected(row));
        Assert.Equal(["returned 2×", FakeClosureRule.ResolvedWithoutReplyReason, FakeClosureRule.SatisfiedWithoutAcknowledgeReason],
            DifficultCaseRule.ReasonsFor(row));
        Assert.False(FakeClosureRule.IsSuspected(Row("ZZ-H", returns: 2)));
    }
}
