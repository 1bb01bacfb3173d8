using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Routing;

/// <summary>Cases no rule matched. Only unmatched intakes come here, so one grain is enough.</summary>
public sealed class TriageQueueGrain(
    [PersistentState("triage", DispatcherNames.Storage)] IPersistentState<TriageState> state)
    : CaseQueueGrain<TriageState, DateTimeOffset>(state), ITriageQueueGrain
{
    public Task Add(string caseId, DateTimeOffset at) => Enqueue(caseId, at);

    public Task Remove(string caseId) => Dequeue(caseId);

    public Task<IReadOnlyList<TriageItem>> List() => Ordered((caseId, since) => new TriageItem(caseId, since));

    protected override DateTimeOffset Since(DateTimeOffset entry) => entry;
}
