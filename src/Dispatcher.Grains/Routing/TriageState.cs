using Dispatcher.Grains.Shared;

namespace Dispatcher.Grains.Routing;

[GenerateSerializer, Alias("dispatcher.triage-state")]
public sealed class TriageState : IQueueState<DateTimeOffset>
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Waiting { get; set; } = new(StringComparer.Ordinal);

    Dictionary<string, DateTimeOffset> IQueueState<DateTimeOffset>.Entries => Waiting;
}
