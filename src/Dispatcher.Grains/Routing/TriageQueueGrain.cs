using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;

namespace Dispatcher.Grains.Routing;

[GenerateSerializer, Alias("dispatcher.triage-state")]
public sealed class TriageState
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Waiting { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Cases no rule matched. Only unmatched intakes come here, so one grain is enough.</summary>
public sealed class TriageQueueGrain(
    [PersistentState("triage", DispatcherNames.Storage)] IPersistentState<TriageState> state) : Grain, ITriageQueueGrain
{
    public async Task Add(string caseId, DateTimeOffset at)
    {
        if (!state.State.Waiting.TryAdd(caseId, at)) return;
        await state.WriteOrReload(this);
    }

    public async Task Remove(string caseId)
    {
        if (!state.State.Waiting.Remove(caseId)) return;
        await state.WriteOrReload(this);
    }

    public Task<IReadOnlyList<TriageItem>> List() => Task.FromResult<IReadOnlyList<TriageItem>>(
        state.State.Waiting.OrderBy(w => w.Value).Select(w => new TriageItem(w.Key, w.Value)).ToArray());
}
