using Dispatcher.Abstractions.Discipline;
using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Discipline;

[GenerateSerializer, Alias("dispatcher.discipline-state")]
public sealed class DisciplineState : IQueueState<Referral>
{
    [Id(0)] public Dictionary<string, Referral> Referrals { get; set; } = new(StringComparer.Ordinal);

    Dictionary<string, Referral> IQueueState<Referral>.Entries => Referrals;
}
