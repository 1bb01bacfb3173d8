using Dispatcher.LoadTests.Suite;
using Dispatcher.Storage.Postgres;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>In-process hosts with <c>--Dispatcher:Storage=Postgres</c> on the <c>--pg</c> database.</summary>
public static class PostgresMode
{
    /// <summary>Why Postgres-mode hosts cannot run in this suite run, or null when they can.</summary>
    public static string? Blocker(LoadOptions o)
    {
        if (o.Target is not null) return "with --target the running host's own storage mode is used";
        if (o.Pg is null) return "no --pg connection string given";
        if (SchemaMigrator.Scripts().Count == 0) return $"the host has no migration scripts yet (deploy/sql is empty; {SchemaMigrator.ScriptFolder}) — Storage=Postgres needs a migrated database";
        return null;
    }

    /// <summary>A cluster (and service) id of its own, e.g. <c>lt-1a2b3c4d</c>.</summary>
    public static string NewClusterId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Host arguments of one silo of <paramref name="clusterId"/>.</summary>
    public static List<string> HostArgs(LoadOptions o, string clusterId, int siloPort, int gatewayPort) =>
    [
        "--Dispatcher:Storage=Postgres", "--Dispatcher:AllowDemoKeys=true", $"--ConnectionStrings:Dispatcher={o.Pg}", "--Dispatcher:TrackingSecret=loadtests-tracking-secret",
        // A service of its own per run: the grain states, reminders and journals of earlier runs on the same
        // database (their deadlines fall due minutes later) do not land on this run's silo.
        $"--Dispatcher:Cluster:ClusterId={clusterId}", $"--Dispatcher:Cluster:ServiceId={clusterId}",
        $"--Dispatcher:Cluster:SiloPort={siloPort}", $"--Dispatcher:Cluster:GatewayPort={gatewayPort}",
    ];

    /// <summary>Host arguments of a one-silo cluster of its own on free ports.</summary>
    public static List<string> SingleSiloArgs(LoadOptions o) => HostArgs(o, NewClusterId("lt"), FreePorts.Next(), FreePorts.Next());
}
