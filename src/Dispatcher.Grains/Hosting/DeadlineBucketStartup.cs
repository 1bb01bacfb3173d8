using Dispatcher.Abstractions.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.Grains.Hosting;

public static class DeadlineBucketStartup
{
    /// <summary>Every silo makes sure the deadline buckets run once it has started (ADR-030): one grain call per silo start.</summary>
    public static ISiloBuilder AddDeadlineBuckets(this ISiloBuilder silo) =>
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IDeadlineBucketsGrain>(0).Start());
}
