using System.Net;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Grains.Hosting;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Memory;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dispatcher.Host.Hosting;

/// <summary>Co-hosts the Orleans silo: providers chosen by <see cref="StorageMode"/>, one code path otherwise.</summary>
public static class SiloSetup
{
    public static WebApplicationBuilder AddDispatcherSilo(this WebApplicationBuilder builder, DispatcherHostOptions options, CityDirectory city)
    {
        builder.Services.AddDispatcherGrainServices(city);
        builder.UseOrleans(silo =>
        {
            var cluster = options.Cluster;
            silo.Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; });
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
            var minimumReminderPeriod = builder.Configuration.GetSection(DeadlineOptions.Section).Get<DeadlineOptions>()?.MinimumReminderPeriod;
            if (minimumReminderPeriod is { } period) silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = period);
            // Failure detection can be tuned (e.g. faster in fault tests) under Dispatcher:Cluster:Membership.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Dispatcher:Cluster:Membership"));
            // How often idle activations are collected (Orleans' CollectionQuantum, 1 minute by default):
            // a shorter quantum spreads a surge's deactivations over smaller batches (load-tests/analysis.md).
            silo.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("Dispatcher:Cluster:Activations"));

            if (options.Storage == StorageMode.Postgres)
                silo.UsePostgres(PostgresPools.ForStorage(builder.Configuration, options.Postgres), PostgresPools.ForMembership(builder.Configuration));
            else
                silo.UseEmbeddedProviders(cluster);

            silo.AddMemoryStreams(DispatcherNames.StreamProvider);
            silo.Services.AddStorageExceptionSerialization();
            silo.Services.AddSingleton<IntakeAdmissionFilter>();
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(services => services.GetRequiredService<IntakeAdmissionFilter>());
            silo.AddStartupTask<CitySeeder>();
            silo.AddStartupTask<ApiKeyAudit>();
            silo.AddDeadlineBuckets();
            silo.AddDashboard(o => o.HideTrace = true);
        });
        return builder;
    }

    /// <summary>The embedded default: one silo, everything in memory.</summary>
    private static void UseEmbeddedProviders(this ISiloBuilder silo, ClusterSettings cluster)
    {
        silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort));
        foreach (var name in (string[])[.. StorageNames, DispatcherNames.CaseStorage])
            silo.Services.AddGrainStorage(name, (services, _) => new ProcessMemoryGrainStorage(
                new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
                services.GetRequiredService<Orleans.Serialization.Serializers.IActivatorProvider>()));
        silo.UseInMemoryReminderService();
    }

    private static readonly string[] StorageNames = [DispatcherNames.Storage, "PubSubStore"];

    /// <summary>Production: membership, grain state (case grains in a storage of their own), stream subscriptions and reminders in PostgreSQL.</summary>
    private static void UsePostgres(this ISiloBuilder silo, string connectionString, string membershipConnectionString)
    {
        const string invariant = "Npgsql";
        silo.UseAdoNetClustering(o => { o.Invariant = invariant; o.ConnectionString = membershipConnectionString; });
        foreach (var name in StorageNames)
        {
            silo.AddAdoNetGrainStorage(name, o => { o.Invariant = invariant; o.ConnectionString = connectionString; });
            // Orleans' binary serializer instead of Newtonsoft JSON with $type: several times less CPU
            // per write and smaller rows; state types carry stable, explicit [Id]s (ADR-019, ADR-017).
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(name)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }
        // Case grains only: state and index row in one transaction, group-committed across cases (ADR-029).
        silo.Services.AddGrainStorage(DispatcherNames.CaseStorage, (services, _) => new PostgresCaseStorage(
            services.GetRequiredService<NpgsqlDataSource>(), new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<Orleans.Serialization.Serializers.IActivatorProvider>(), services.GetRequiredService<CaseWorkflow>(),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()));
        silo.UseAdoNetReminderService(o => { o.Invariant = invariant; o.ConnectionString = connectionString; });
    }
}
