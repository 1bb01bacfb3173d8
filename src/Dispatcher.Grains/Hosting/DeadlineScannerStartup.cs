using Dispatcher.Abstractions.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.Grains.Hosting;

public static class DeadlineScannerStartup
{
    /// <summary>Every silo makes sure the cluster's deadline scanner runs once it has started (ADR-012).</summary>
    public static ISiloBuilder AddDeadlineScanner(this ISiloBuilder silo) =>
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IDeadlineScannerGrain>(0).Start());
}
