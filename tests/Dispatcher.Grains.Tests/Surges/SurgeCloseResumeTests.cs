using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Grains.Surges;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dispatcher.Grains.Tests.Surges;

/// <summary>
/// Closing a surge incident works from its stored state: an incident stored half-way through its
/// close (as a silo that died mid-way leaves it) finishes from the recorded progress when it next
/// activates, without redoing what was done.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SurgeCloseResumeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_incident_stored_half_way_through_closing_resumes_from_its_progress_on_activation()
    {
        // A lead and two reports joined to it through an open incident (joined reports tell no department,
        // so this test moves no department's counters while other tests count theirs).
        var open = await fixture.Grains.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).Open("heating", "gaoxin",
            new SurgeTexts("Burst main", "Being repaired", "Take details"), new Actor(ActorKind.Supervisor, "zhou.min"));
        var cases = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Cases.NewId();
            var receipt = await fixture.Grains.GetGrain<ICaseGrain>(id).Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "gaoxin")));
            Assert.Equal(open.Id, receipt.Surge?.Id);
            Assert.Equal(i == 0 ? CaseStatus.Dispatched : CaseStatus.Merged, receipt.Status);
            cases.Add(id);
        }

        // What a silo that died after resolving the first case of three has stored (that first one, the
        // lead, it had resolved; here it stays dispatched, so a close that started over would show).
        var surgeId = "SRG-RESUME-" + Guid.NewGuid().ToString("N")[..6];
        var grain = fixture.Grains.GetGrain<ISurgeGrain>(surgeId);
        var stored = new SurgeState
        {
            Id = surgeId, Category = "heating", District = "gaoxin", Status = SurgeStatus.Closing,
            Title = "Burst main", Notice = "Being repaired", Script = "Take details", Outcome = "Main repaired",
            OpenedBy = Actor.System, OpenedAt = DateTimeOffset.UtcNow.AddMinutes(-30), LeadCaseIds = [cases[0]],
            CloseRequestId = "close-1", ClosedBy = new Actor(ActorKind.Supervisor, "zhou.min"), ToResolve = cases, Resolved = 1,
        };
        var silo = fixture.Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test cluster runs its silos in process.");
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(DispatcherNames.Storage);
        await storage.WriteStateAsync("surge", grain.GetGrainId(), new GrainState<SurgeState>(stored));

        await Cases.Eventually(async () => (await grain.Get()).Status == SurgeStatus.Closed, "the close to finish");
        var view = await grain.Get();
        Assert.Equal((3, 3), (view.CasesToResolve, view.CasesResolved));
        Assert.Equal(CaseStatus.Dispatched, (await fixture.Grains.GetGrain<ICaseGrain>(cases[0]).Get()).Status);
        foreach (var id in cases.Skip(1))
        {
            var resolved = await fixture.Grains.GetGrain<ICaseGrain>(id).Get();
            Assert.Equal(cases[0], resolved.MergedInto);
            Assert.Equal(CaseStatus.Resolved, resolved.Status);
            Assert.Equal($"surge incident {surgeId} closed: Main repaired", resolved.History[^1].Note);
            Assert.Equal(ActorKind.Supervisor, resolved.History[^1].Actor.Kind);
        }
    }
}
