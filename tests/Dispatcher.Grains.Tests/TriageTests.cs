using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TriageTests(ClusterFixture fixture)
{
    /// <summary>The triage queue is the case index's cases in status Triage (ADR-039); each test silo keeps its own index in memory.</summary>
    private async Task<IReadOnlyList<CaseIndexRow>> Triage()
    {
        var rows = new List<CaseIndexRow>();
        foreach (var silo in fixture.Cluster.Silos.Cast<InProcessSiloHandle>())
            rows.AddRange((await silo.SiloHost.Services.GetRequiredService<ICaseIndex>().Search(new CaseQuery(Status: CaseStatus.Triage, PageSize: 200, OldestFirst: true))).Items);
        return rows;
    }

    [Fact]
    public async Task A_case_no_rule_matches_waits_in_triage_until_an_agent_dispatches_it()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);

        var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("other", "shangjie")));

        Assert.Equal((CaseStatus.Triage, (string?)null, (string?)null), (receipt.Status, receipt.DepartmentId, receipt.RuleId));
        var waiting = Assert.Single(await Triage(), t => t.Id == id);
        Assert.Equal(receipt.ReceivedAt, waiting.CreatedAt);

        var dispatched = await grain.Dispatch(Cases.Dispatch(Cases.NewAgent(), "shangjie-government", "Local matter."));

        Assert.Equal((CaseStatus.Triage, CaseStatus.Dispatched, "shangjie-government"), (dispatched.From, dispatched.To, dispatched.DepartmentId));
        Assert.DoesNotContain(await Triage(), t => t.Id == id);
        Assert.Contains(await fixture.Grains.GetGrain<IDepartmentGrain>("shangjie-government").GetInbox(), i => i.CaseId == id);
    }
}
