using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Grains.Shared;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.Drivers;

/// <summary>The load through the host's grain client.</summary>
public sealed class GrainDriver(GrainReferences grains, TrackingNumbers numbers) : IDispatcherDriver
{
    private static readonly Actor Channel = new(ActorKind.Channel, "loadgen");
    private static readonly Actor Agent = new(ActorKind.Agent, "agent-li");
    public string Name => "grain";

    // The grain path keeps the random tracking number of an intake without a key (as before); the id is known up front.
    public string? PlanId(string idempotencyKey, bool firstContact) => numbers.NewRandom();

    public async ValueTask<IntakeResult> Submit(CaseIntake intake, string idempotencyKey, string? plannedId, string? firstContactEntry, CancellationToken ct)
    {
        var command = firstContactEntry is null
            ? new SubmitCase(Channel, intake)
            : new SubmitCase(new Actor(ActorKind.Agent, LoadAgents.Id(LoadAgents.Pick())), intake, new FirstContactAnswer(firstContactEntry, null));
        if (plannedId is null) return Result(await FreshIntake.Submit(G, numbers, command));
        // The planned id was drawn at random for this intake (PlanId), so it is fresh (ADR-033).
        return Result(await G(plannedId).Submit(command with { FreshId = true }));
    }

    private static IntakeResult Result(CaseReceipt receipt) =>
        new(receipt.CaseId, receipt.DepartmentId, receipt.Status == CaseStatus.ClosedAtFirstContact);

    private static Actor Dept(string d) => new(ActorKind.Department, d + "-worker", d);
    private static string Rid() => Guid.NewGuid().ToString("N");
    private ICaseGrain G(string id) => grains.Get<ICaseGrain>(id);
    public async ValueTask Acknowledge(string id, string d, CancellationToken ct) => await G(id).Acknowledge(new CaseCommand(Rid(), Dept(d)));
    public async ValueTask Reply(string id, string d, string text, CancellationToken ct) => await G(id).Reply(new CaseCommand(Rid(), Dept(d), text));
    public async ValueTask Resolve(string id, string d, string text, CancellationToken ct) => await G(id).Resolve(new CaseCommand(Rid(), Dept(d), text));
    public async ValueTask Return(string id, string d, string reason, CancellationToken ct) => await G(id).Return(new CaseCommand(Rid(), Dept(d), reason));
    public async ValueTask Dispatch(string id, string d, string reason, CancellationToken ct) => await G(id).Dispatch(new DispatchCommand(Rid(), Agent, d, reason));

    public async ValueTask<bool> Exists(string id, CancellationToken ct)
    {
        try { await G(id).Get(); return true; }
        catch (Exception ex) when (ex.GetType().Name == "CaseNotFoundException") { return false; }
    }
}
