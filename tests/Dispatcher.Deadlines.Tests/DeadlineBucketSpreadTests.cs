using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Grains.Hosting;
using Dispatcher.Storage.Memory;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

/// <summary>Two silos sharing one case index, as two silos share PostgreSQL's.</summary>
public sealed class TwoSiloDeadlineFixture : IAsyncLifetime
{
    public static readonly ShiftableClock Clock = new();
    private static readonly MemoryCaseIndex SharedIndex = new();
    public TestCluster Cluster { get; private set; } = null!;

    public sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            DeadlineSilos.Configure(silo, Clock);
            silo.Services.AddSingleton<ICaseIndex>(SharedIndex);
        }
    }

    public async Task InitializeAsync() => Cluster = await DeadlineSilos.Deploy<Silo>(2);

    public Task DisposeAsync() => DeadlineSilos.Stop(Cluster);
}

/// <summary>ADR-030: the deadline buckets run on both silos, and every bucket fires its cases' deadlines.</summary>
public sealed class DeadlineBucketSpreadTests(TwoSiloDeadlineFixture fixture) : IClassFixture<TwoSiloDeadlineFixture>
{
    private static readonly int Buckets = new DeadlineOptions().Buckets;

    [Fact]
    public async Task The_buckets_are_spread_over_both_silos_and_each_one_warns_its_cases()
    {
        // The second silo joined after the first had started every bucket: half of them move to it.
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        await Eventually(async () =>
        {
            var all = await Task.WhenAll(Enumerable.Range(0, Buckets).Select(b => fixture.Cluster.GrainFactory.GetGrain<IDeadlineBucketGrain>(b).Status()));
            Assert.All(all, s => Assert.True(s.CompletedScans > 0, "a bucket has not scanned yet"));
            Assert.Equal(silos, all.Select(s => s.Silo).ToHashSet());
            Assert.All(all.GroupBy(s => s.Silo), g => Assert.Equal(Buckets / silos.Count, g.Count()));
            return all;
        });

        // Cases until every bucket has one: each bucket must warn its own.
        var cases = new Dictionary<int, string>();
        for (var i = 0; cases.Count < Buckets; i++)
        {
            Assert.True(i < 500, "the case ids did not cover every bucket");
            var id = $"ZZ-DB{i:D2}-" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
            cases.TryAdd(DeadlineBucket.Of(id, Buckets).Index, id);
        }
        var submitted = await Task.WhenAll(cases.Values.Select(async id =>
        {
            var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
            await grain.Submit(new SubmitCase(Channel, Intake("air-pollution", "erqi")));
            return (Grain: grain, DispatchedAt: (await grain.Get()).History[^1].At);
        }));

        TwoSiloDeadlineFixture.Clock.AdvanceTo(submitted.Max(c => c.DispatchedAt).AddMinutes(5));
        await Eventually(async () =>
        {
            foreach (var (grain, _) in submitted)
                Assert.Contains((await grain.Get()).History, h => h.Action == CaseAction.Warn);
            return true;
        });
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
