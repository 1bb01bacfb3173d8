using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Routing;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TriageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_case_no_rule_matches_waits_in_triage_until_an_agent_dispatches_it()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var triage = fixture.Grains.GetGrain<ITriageQueueGrain>(DispatcherNames.SingletonKey);

        var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("other", "shangjie")));

        Assert.Equal((CaseStatus.Triage, (string?)null, (string?)null), (receipt.Status, receipt.DepartmentId, receipt.RuleId));
        var waiting = Assert.Single(await triage.List(), t => t.CaseId == id);
        Assert.Equal(receipt.ReceivedAt, waiting.Since);

        var dispatched = await grain.Dispatch(Cases.Dispatch(Cases.NewAgent(), "shangjie-government", "Local matter."));

        Assert.Equal((CaseStatus.Triage, CaseStatus.Dispatched, "shangjie-government"), (dispatched.From, dispatched.To, dispatched.DepartmentId));
        Assert.DoesNotContain(await triage.List(), t => t.CaseId == id);
        Assert.Contains(await fixture.Grains.GetGrain<IDepartmentGrain>("shangjie-government").GetInbox(), i => i.CaseId == id);
    }
}
