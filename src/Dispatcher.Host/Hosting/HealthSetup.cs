using Dispatcher.Abstractions.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dispatcher.Host.Hosting;

/// <summary>
/// live = the process answers (local only); ready = this silo is Active in the cluster, serves local
/// grain calls and reaches storage, and is not stopping — all judged locally (ADR-021).
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDispatcherHealth(this IServiceCollection services, DispatcherHostOptions options)
    {
        var checks = services.AddHealthChecks().AddCheck<LocalSiloHealthCheck>("silo", tags: [ReadyTag]);
        if (options.Storage == StorageMode.Postgres)
        {
            checks.AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        }
        return services;
    }

    public static WebApplication MapDispatcherHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag) }).WithTags("Health");
        return app;
    }
}

/// <summary>
/// Readiness from this silo alone (ADR-021): its own membership entry is Active, and a grain call
/// that never leaves this silo answers. It calls no singleton grain, so a healthy silo stays ready
/// while another silo dies and before the cluster has declared that silo dead.
/// </summary>
internal sealed class LocalSiloHealthCheck(
    IGrainFactory grains, IClusterMembershipService membership, ILocalSiloDetails silo, IHostApplicationLifetime lifetime) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("stopping");
        // Set once every hosted service has started: the silo, its startup tasks (the city and rule seeding) included.
        if (!lifetime.ApplicationStarted.IsCancellationRequested) return HealthCheckResult.Unhealthy("starting");
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active) return HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status} in the cluster");
        try
        {
            var answeredBy = await grains.GetGrain<IReadinessProbeGrain>(0).Ping().WaitAsync(ProbeTimeout, cancellationToken);
            return answeredBy == silo.SiloAddress.ToString()
                ? HealthCheckResult.Healthy($"silo {answeredBy} active")
                : HealthCheckResult.Unhealthy($"the local probe was answered by {answeredBy}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("local grain calls fail", ex);
        }
    }
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
