using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Surges;

namespace Dispatcher.Grains.Tests.Surges;

/// <summary>
/// ADR-037: a surge incident's opening, edits, closing and close are entries of the admin audit log,
/// each once (a repeated close request adds none), with who did it; an incident with no reports closes.
/// water-outage in jinshui: no other test of this cluster takes cases there.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SurgeAuditTests(ClusterFixture fixture)
{
    private async Task<AuditEntry[]> EntriesOf(string surgeId) =>
        (await fixture.Grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey).List(new AuditQuery(AuditKind.Surges, PageSize: 200)))
        .Items.Where(e => e.Summary.Contains(surgeId + " ", StringComparison.Ordinal)).Reverse().ToArray();

    [Fact]
    public async Task Opening_editing_and_closing_an_incident_are_audited_once_each_with_who_did_it()
    {
        var supervisor = new Actor(ActorKind.Supervisor, "zhou.min");
        var opened = await fixture.Grains.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).Open("water-outage", "jinshui",
            new SurgeTexts("Main burst on Wenhua Rd", "Water is being restored", "Take the address"), supervisor);
        var grain = fixture.Grains.GetGrain<ISurgeGrain>(opened.Id);
        await grain.Edit(new SurgeTexts(null, "Water back by 18:00", null), supervisor);
        await grain.Close("close-" + opened.Id, "Main repaired", supervisor);
        await grain.Close("close-" + opened.Id, "Main repaired", supervisor); // the same request again
        await Cases.Eventually(async () => (await grain.Get()).Status == SurgeStatus.Closed, "the incident without reports to close");

        await Cases.Eventually(async () => (await EntriesOf(opened.Id)).Length >= 4, "four audit entries");
        var entries = await EntriesOf(opened.Id);
        Assert.Equal(
            [$"surge {opened.Id} opened for water-outage in jinshui: \"Main burst on Wenhua Rd\"", $"surge {opened.Id} edited: notice",
             $"surge {opened.Id} closing: 0 reports to resolve with \"Main repaired\"", $"surge {opened.Id} closed: 0 reports resolved"],
            entries.Select(e => e.Summary));
        Assert.All(entries, e => Assert.Equal("Supervisor:zhou.min", e.By));
        Assert.Equal(entries.Select(e => e.Version).Order(), entries.Select(e => e.Version));
        Assert.Equal(4, entries.Select(e => e.Version).Distinct().Count());
    }
}
