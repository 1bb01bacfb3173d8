using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Cases;

namespace Dispatcher.Domain.Tests.Cases;

/// <summary>What each step tells the departments: kind, target, and whether the step counts.</summary>
public sealed class CaseNoticeTests
{
    private static (string Department, DepartmentNoticeKind Kind, bool Counts)[] Of(CaseOutcome o) =>
        o.Notices.Select(n => (n.Target.Id, n.Notice.Kind, n.Notice.Counts)).ToArray();

    [Fact]
    public void Each_step_of_the_lifecycle_emits_its_notice_to_the_holding_department()
    {
        const string d = "city-urban-management";
        var s = new CaseScenario();

        Assert.Equal([(d, DepartmentNoticeKind.Assigned, true)], Of(s.Submit()));
        Assert.Equal([(d, DepartmentNoticeKind.Acknowledged, true)], Of(s.Acknowledge()));
        Assert.Equal([(d, DepartmentNoticeKind.Started, true)], Of(s.Start()));
        Assert.Equal([(d, DepartmentNoticeKind.Replied, true)], Of(s.Reply()));
        Assert.Equal([(d, DepartmentNoticeKind.Resolved, true)], Of(s.Resolve()));
        Assert.Empty(Of(s.Close()));
        Assert.Equal([(d, DepartmentNoticeKind.Reopened, true)], Of(s.Reopen()));
    }

    [Fact]
    public void After_a_reopen_the_second_acknowledge_and_reply_do_not_count_but_the_second_resolve_does()
    {
        const string d = "city-urban-management";
        var s = CaseScenario.In(CaseStatus.Reopened);

        Assert.Equal([(d, DepartmentNoticeKind.Acknowledged, false)], Of(s.Acknowledge()));
        Assert.Equal([(d, DepartmentNoticeKind.Replied, false)], Of(s.Reply()));
        Assert.Equal([(d, DepartmentNoticeKind.Resolved, true)], Of(s.Resolve()));
    }

    [Fact]
    public void A_new_assignment_counts_acknowledge_and_reply_again()
    {
        var s = CaseScenario.In(CaseStatus.Acknowledged);
        s.Dispatch("city-environment");

        Assert.Equal([("city-environment", DepartmentNoticeKind.Acknowledged, true)], Of(s.Acknowledge()));
        Assert.Equal([("city-environment", DepartmentNoticeKind.Replied, true)], Of(s.Reply()));
    }

    [Fact]
    public void A_notice_carries_the_case_facts_and_the_sequence_of_its_history_entry()
    {
        var s = new CaseScenario();
        s.Submit(DemoCity.Intake(category: "air-pollution", district: "jinshui"));

        var outcome = s.Acknowledge();

        var n = Assert.Single(outcome.Notices).Notice;
        Assert.Equal(CaseScenario.CaseId, n.CaseId);
        Assert.Equal(outcome.Entry.Sequence, n.Sequence);
        Assert.Equal(outcome.Entry.At, n.At);
        Assert.Equal(CaseStatus.Acknowledged, n.CaseStatus);
        Assert.Equal(("air-pollution", "jinshui", CasePriority.Normal), (n.Category, n.District, n.Priority));
        Assert.Equal(s.State.AssignedAt, n.AssignedAt);
    }
}
