using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Dispatcher.Postgres.Tests;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers a periodic reminder and says which silo the grain lives on.</summary>
    Task<string> Arm(TimeSpan period);
}

/// <summary>Records every tick with the silo it fired on.</summary>
public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public static readonly ConcurrentQueue<(string Grain, string Silo)> Ticks = new();

    public async Task<string> Arm(TimeSpan period)
    {
        await this.RegisterOrUpdateReminder("probe", period, period);
        return silo.SiloAddress.ToString();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.Enqueue((this.GetPrimaryKeyString(), silo.SiloAddress.ToString()));
        return Task.CompletedTask;
    }
}

/// <summary>Reminders in our PostgreSQL schema, on a 3-silo cluster, with the owning silo killed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderFailoverTests
{
    private static string? _connectionString;

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseAdoNetReminderService(o => { o.Invariant = "Npgsql"; o.ConnectionString = _connectionString!; });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        }
    }

    [Fact]
    public async Task A_reminder_registered_on_a_silo_that_dies_fires_on_a_survivor()
    {
        await using var db = await TestDatabase.Create();
        _connectionString = db.ConnectionString;
        var builder = new TestClusterBuilder(3);
        builder.Options.ServiceId = "reminder-" + Guid.NewGuid().ToString("N")[..6];
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            // Find a grain that lives on a secondary silo, so killing its silo leaves the cluster up.
            string key = "", home = "";
            for (var i = 0; i < 50; i++)
            {
                key = $"probe-{i}";
                home = await cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key).Arm(TimeSpan.FromSeconds(2));
                if (home != cluster.Primary!.SiloAddress.ToString()) break;
            }
            var victim = cluster.SecondarySilos.Single(s => s.SiloAddress.ToString() == home);
            Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%{key}'"));

            await cluster.KillSiloAsync(victim);
            var killedAt = DateTime.UtcNow;

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!ReminderProbeGrain.Ticks.Any(t => t.Grain == key && t.Silo != home) && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            Assert.True(ReminderProbeGrain.Ticks.Any(t => t.Grain == key && t.Silo != home),
                $"the reminder of {key} (home {home}) did not fire on a survivor within {(DateTime.UtcNow - killedAt).TotalSeconds:F0} s");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
