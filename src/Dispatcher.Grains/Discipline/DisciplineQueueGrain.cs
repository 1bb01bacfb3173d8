using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Discipline;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Discipline;

/// <summary>Cases referred to discipline inspection: still overdue after supervision (R5).</summary>
public sealed class DisciplineQueueGrain(
    [PersistentState("discipline", DispatcherNames.Storage)] IPersistentState<DisciplineState> state)
    : CaseQueueGrain<DisciplineState, Referral>(state), IDisciplineQueueGrain
{
    public Task Refer(Referral referral) => Enqueue(referral.CaseId, referral);

    public Task<IReadOnlyList<Referral>> List() => Ordered((_, referral) => referral);

    protected override DateTimeOffset Since(Referral entry) => entry.At;
}
