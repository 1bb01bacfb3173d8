using Dispatcher.Abstractions.Health;
using Orleans.Concurrency;

namespace Dispatcher.Grains.Health;

/// <summary>Answers on the silo that calls it; no state, no calls to other grains (ADR-021).</summary>
[StatelessWorker(1)]
public sealed class ReadinessProbeGrain(ILocalSiloDetails silo) : Grain, IReadinessProbeGrain
{
    public Task<string> Ping() => Task.FromResult(silo.SiloAddress.ToString());
}
