using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Grains.Cases;

[GenerateSerializer, Alias("dispatcher.discipline-state")]
public sealed class DisciplineState
{
    [Id(0)] public Dictionary<string, Referral> Referrals { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DisciplineQueueGrain(
    [PersistentState("discipline", DispatcherNames.Storage)] IPersistentState<DisciplineState> state) : Grain, IDisciplineQueueGrain
{
    public async Task Refer(Referral referral)
    {
        if (!state.State.Referrals.TryAdd(referral.CaseId, referral)) return;
        await state.WriteOrReload(this);
    }

    public Task<IReadOnlyList<Referral>> List() =>
        Task.FromResult<IReadOnlyList<Referral>>(state.State.Referrals.Values.OrderBy(r => r.At).ToArray());
}
