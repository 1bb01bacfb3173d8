using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ReturnAndArbitrationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_case_returned_twice_goes_to_arbitration_and_the_ruling_binds_the_department()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var agent = Cases.NewAgent();
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake()));

        var first = await grain.Return(Cases.Command(Cases.DepartmentUser("city-urban-management"), "Not ours: a committee site."));
        Assert.Equal((CaseAction.Return, CaseStatus.Returned), (first.Action, first.To));

        var redispatch = await grain.Dispatch(Cases.Dispatch(agent, "city-environment", "Try environment."));
        Assert.Equal((CaseStatus.Returned, CaseStatus.Dispatched, "city-environment"), (redispatch.From, redispatch.To, redispatch.DepartmentId));

        var second = await grain.Return(Cases.Command(Cases.DepartmentUser("city-environment"), "Not ours either."));
        Assert.Equal((CaseAction.Arbitrate, CaseStatus.Arbitration), (second.Action, second.To));
        Assert.Equal((CaseStatus.Arbitration, 2, (string?)null), await Status(grain));

        var ruling = await grain.Dispatch(Cases.Dispatch(Cases.Admin, "city-construction-committee", "Committee site: yours."));
        Assert.Equal((CaseStatus.Arbitration, CaseStatus.Dispatched), (ruling.From, ruling.To));
        var view = await grain.Get();
        Assert.True(view.ArbitrationBinding, "a dispatch out of arbitration must bind the department");

        var ex = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            grain.Return(Cases.Command(Cases.DepartmentUser("city-construction-committee"), "Still not ours.")));

        // The typed exception crossed the grain boundary with its properties.
        Assert.Equal(id, ex.CaseId);
        Assert.Equal(CaseStatus.Dispatched, ex.Current);
        Assert.Equal(CaseAction.Return, ex.Action);
        Assert.Contains("arbitration", ex.Message);
        Assert.Equal(view.History.Count, (await grain.Get()).History.Count);

        var inbox = await fixture.Grains.GetGrain<IDepartmentGrain>("city-construction-committee").GetInbox();
        Assert.Contains(inbox, i => i.CaseId == id);
    }

    [Fact]
    public async Task An_illegal_transition_across_the_grain_boundary_keeps_its_case_state_and_action()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake()));

        var ex = await Assert.ThrowsAsync<IllegalTransitionException>(() => grain.Close(Cases.Command(Cases.NewAgent())));

        Assert.Equal((id, CaseStatus.Dispatched, CaseAction.Close), (ex.CaseId, ex.Current, ex.Action));
    }

    private static async Task<(CaseStatus, int, string?)> Status(ICaseGrain grain)
    {
        var v = await grain.Get();
        return (v.Status, v.Returns, v.DepartmentId);
    }
}
