using Dispatcher.City;
using Dispatcher.Routing;

namespace Dispatcher.Host.Hosting;

/// <summary>On silo start: loads the city's rules into the rule table if it has never been written.</summary>
public sealed class CitySeeder(IGrainFactory grains, CityDirectory city) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(city.Rules.ToArray());
}
