using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Hosting;

/// <summary>On silo start: loads the city's rules, knowledge base and hotlines if they have never been written.</summary>
public sealed class CitySeeder(IGrainFactory grains, CityDirectory city) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        await grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(city.Rules.ToArray());
        await grains.GetGrain<Dispatcher.Abstractions.Knowledge.IKnowledgeBaseGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(city.Knowledge.ToArray());
        await grains.GetGrain<Dispatcher.Abstractions.Hotlines.IHotlineRegistryGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(city.Hotlines.ToArray());
    }
}
