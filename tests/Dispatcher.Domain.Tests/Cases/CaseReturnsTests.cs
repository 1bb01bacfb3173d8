using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Domain.Tests.Cases;

public sealed class CaseReturnsTests
{
    [Fact]
    public void A_returned_case_leaves_the_department_and_can_be_dispatched_elsewhere()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);

        var returned = s.Return();

        Assert.Equal(CaseAction.Return, returned.Entry.Action);
        Assert.Equal(CaseStatus.Returned, s.State.Status);
        Assert.Null(s.State.DepartmentId);
        Assert.Equal(1, s.State.Returns);
        var notice = Assert.Single(returned.Notices);
        Assert.Equal(("city-urban-management", DepartmentNoticeKind.Returned), (notice.Target.Id, notice.Notice.Kind));

        var redispatched = s.Dispatch("city-environment");

        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        Assert.Equal("city-environment", s.State.DepartmentId);
        Assert.False(s.State.ArbitrationBinding);
        var assigned = Assert.Single(redispatched.Notices);
        Assert.Equal(("city-environment", DepartmentNoticeKind.Assigned), (assigned.Target.Id, assigned.Notice.Kind));
        Assert.Equal(s.Now, s.State.AssignedAt);
    }

    [Fact]
    public void The_second_return_sends_the_case_to_arbitration()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);
        s.Return();
        s.Dispatch("city-environment");
        s.Acknowledge();

        var second = s.Return();

        Assert.Equal(2, s.Workflow.MaxReturns);
        Assert.Equal(CaseAction.Arbitrate, second.Entry.Action);
        Assert.Equal(CaseStatus.Arbitration, s.State.Status);
        Assert.Equal(2, s.State.Returns);
        Assert.Null(s.State.DepartmentId);
        var notice = Assert.Single(second.Notices);
        Assert.Equal(("city-environment", DepartmentNoticeKind.SentToArbitration), (notice.Target.Id, notice.Notice.Kind));
    }

    [Fact]
    public void An_arbitration_ruling_binds_the_department_so_a_later_return_is_refused()
    {
        var s = CaseScenario.In(CaseStatus.Arbitration);

        var ruling = s.Dispatch("city-urban-management", CaseScenario.Admin);

        Assert.True(s.State.ArbitrationBinding, "a dispatch out of arbitration is a binding ruling");
        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        var notice = Assert.Single(ruling.Notices);
        Assert.Equal(("city-urban-management", DepartmentNoticeKind.ArbitrationRuling), (notice.Target.Id, notice.Notice.Kind));
        Assert.StartsWith("arbitration ruling", ruling.Entry.Note);

        var count = s.State.History.Count;
        var ex = Assert.Throws<IllegalTransitionException>(() => s.Return());
        Assert.Equal((CaseStatus.Dispatched, CaseAction.Return), (ex.Current, ex.Action));
        Assert.Contains("arbitration", ex.Message);
        Assert.Equal(count, s.State.History.Count);
        Assert.Equal(2, s.State.Returns);

        s.Acknowledge();
        Assert.Throws<IllegalTransitionException>(() => s.Return());
    }

    [Fact]
    public void With_a_higher_limit_the_second_return_is_an_ordinary_return()
    {
        var s = new CaseScenario(maxReturns: 3);
        s.Submit();
        s.Return();
        s.Dispatch("city-environment");
        Assert.Equal(CaseAction.Return, s.Return().Entry.Action);
        s.Dispatch("city-housing");
        Assert.Equal(CaseAction.Arbitrate, s.Return().Entry.Action);
    }

    [Fact]
    public void An_override_dispatch_withdraws_the_case_from_the_old_department_in_its_old_cohort()
    {
        var s = CaseScenario.In(CaseStatus.Acknowledged);
        var oldAssignedAt = s.State.AssignedAt;

        var outcome = s.Dispatch("city-environment");

        Assert.Equal(CaseStatus.Dispatched, s.State.Status);
        Assert.Equal("city-environment", s.State.DepartmentId);
        Assert.Equal(s.Now, s.State.AssignedAt);
        Assert.Equal(2, outcome.Notices.Count);
        var assigned = outcome.Notices[0];
        Assert.Equal(("city-environment", DepartmentNoticeKind.Assigned, s.Now), (assigned.Target.Id, assigned.Notice.Kind, assigned.Notice.AssignedAt));
        var withdrawn = outcome.Notices[1];
        Assert.Equal(("city-urban-management", DepartmentNoticeKind.Withdrawn), (withdrawn.Target.Id, withdrawn.Notice.Kind));
        Assert.True(withdrawn.Notice.AssignedAt == oldAssignedAt,
            $"Withdrawn must carry the old assignment time {oldAssignedAt:O}, got {withdrawn.Notice.AssignedAt:O}");
        Assert.Equal(0, s.State.Returns);
    }

    [Fact]
    public void An_override_to_the_same_department_is_refused()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);
        var ex = Assert.Throws<ValidationException>(() => s.Dispatch("city-urban-management"));
        Assert.Equal(["departmentId"], ex.Errors.Keys);
    }
}
