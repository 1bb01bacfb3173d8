using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// One in-process cluster (two silos, memory storage, memory streams) shared by every test of the
/// collection. Tests isolate themselves with fresh case and agent ids; tests that change shared
/// state (the rule table) put it back.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static string CityFile => Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json");

    public CityDirectory City { get; } = CityDirectory.Load(CityFile);
    public TestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.GrainFactory;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await Grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).SeedIfEmpty(City.Rules);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddDispatcherGrainServices(CityDirectory.Load(CityFile));
            // Routers check the rule version on every intake, so a Replace takes effect at once.
            silo.Services.Configure<WorkflowOptions>(o => o.RoutingRefreshInterval = TimeSpan.Zero);
            // The tests' intakes are mostly one category and district: no surge opens by itself here (ADR-028).
            silo.Services.Configure<SurgeOptions>(o => o.Detect = false);
            silo.AddMemoryGrainStorage(DispatcherNames.Storage);
            silo.AddMemoryGrainStorage(DispatcherNames.CaseStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(DispatcherNames.CaseStorage,
                (services, _) => new ReadCountingStorage(MemoryGrainStorageFactory.Create(services, DispatcherNames.CaseStorage)));
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(DispatcherNames.StreamProvider);
            silo.AddDeadlineBuckets();
            silo.AddIncomingGrainCallFilter<FlakyAgentFilter>();
            silo.AddIncomingGrainCallFilter<FlakyAuditFilter>();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(DispatcherNames.StreamProvider);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
