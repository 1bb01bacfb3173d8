using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CaseLifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_case_goes_from_submit_to_close_and_its_history_names_every_actor_in_order()
    {
        var id = Cases.NewId();
        var agent = Cases.NewAgent();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var department = Cases.DepartmentUser("city-urban-management");

        var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake()));

        Assert.Equal((id, CaseStatus.Dispatched, "city-urban-management", "noise-city", true),
            (receipt.CaseId, receipt.Status, receipt.DepartmentId, receipt.RuleId, receipt.Created));

        Assert.Equal(CaseStatus.Acknowledged, (await grain.Acknowledge(Cases.Command(department))).To);
        Assert.Equal(CaseStatus.InProgress, (await grain.Start(Cases.Command(department))).To);
        Assert.Equal(CaseStatus.Replied, (await grain.Reply(Cases.Command(department, "Inspector sent."))).To);
        Assert.Equal(CaseStatus.Resolved, (await grain.Resolve(Cases.Command(department, "Night work stopped."))).To);
        var closed = await grain.Close(Cases.Command(agent));
        Assert.Equal((id, CaseAction.Close, CaseStatus.Resolved, CaseStatus.Closed, 7L), (closed.CaseId, closed.Action, closed.From, closed.To, closed.Sequence));

        var view = await grain.Get();
        Assert.Equal(CaseStatus.Closed, view.Status);
        Assert.Equal(
            [
                (1L, CaseAction.Submit, Cases.Channel),
                (2L, CaseAction.Route, Actor.System),
                (3L, CaseAction.Acknowledge, department),
                (4L, CaseAction.Start, department),
                (5L, CaseAction.Reply, department),
                (6L, CaseAction.Resolve, department),
                (7L, CaseAction.Close, agent),
            ],
            view.History.Select(h => (h.Sequence, h.Action, h.Actor)));
        Assert.Equal("Inspector sent.", view.History[4].Note);
        Assert.Equal(view.History.Select(h => h.To).SkipLast(1), view.History.Skip(1).Select(h => h.From));

        // The department saw the case come and go.
        var inbox = await fixture.Grains.GetGrain<IDepartmentGrain>("city-urban-management").GetInbox();
        Assert.DoesNotContain(inbox, i => i.CaseId == id);
    }

    [Fact]
    public async Task A_user_of_another_department_is_forbidden_and_nothing_changes()
    {
        var grain = fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId());
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake()));

        var ex = await Assert.ThrowsAsync<ForbiddenActionException>(() => grain.Acknowledge(Cases.Command(Cases.DepartmentUser("city-water"))));

        Assert.Contains("city-water", ex.Message);
        var view = await grain.Get();
        Assert.Equal((CaseStatus.Dispatched, 2), (view.Status, view.History.Count));
    }

    [Fact]
    public async Task A_command_on_a_case_that_was_never_submitted_throws_case_not_found()
    {
        var id = Cases.NewId();
        var ex = await Assert.ThrowsAsync<CaseNotFoundException>(() => fixture.Grains.GetGrain<ICaseGrain>(id).Acknowledge(Cases.Command(Cases.DepartmentUser("city-water"))));
        Assert.Equal(id, ex.CaseId);
    }
}
