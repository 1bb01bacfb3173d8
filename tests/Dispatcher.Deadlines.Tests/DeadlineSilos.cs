using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Dispatcher.Deadlines.Tests;

/// <summary>
/// The silo set-up every deadline cluster test shares: the demo city on in-memory storage, streams and
/// reminders, deadline buckets scanning every 250 ms, and the test's own shiftable clock.
/// </summary>
internal static class DeadlineSilos
{
    public static void Configure(ISiloBuilder silo, TimeProvider clock)
    {
        silo.Services.AddSingleton(clock);
        silo.Services.AddDispatcherGrainServices(Demo.City);
        silo.Services.Configure<WorkflowOptions>(o => o.RoutingRefreshInterval = TimeSpan.Zero);
        silo.Services.Configure<DeadlineOptions>(o => { o.MinimumReminderPeriod = TimeSpan.FromSeconds(1); o.ScanInterval = TimeSpan.FromMilliseconds(250); });
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.AddMemoryGrainStorage(DispatcherNames.Storage);
        silo.AddMemoryGrainStorage(DispatcherNames.CaseStorage);
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(DispatcherNames.StreamProvider);
        silo.AddDeadlineBuckets();
    }

    /// <summary>Starts <paramref name="silos"/> silos configured by <typeparamref name="TSilo"/> and seeds the demo city's rules.</summary>
    public static async Task<TestCluster> Deploy<TSilo>(short silos) where TSilo : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<TSilo>();
        builder.AddClientBuilderConfigurator<Client>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.GrainFactory.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(Demo.City.Rules.ToArray());
        return cluster;
    }

    public static async Task Stop(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    private sealed class Client : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(DispatcherNames.StreamProvider);
    }
}
