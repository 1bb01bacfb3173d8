using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dispatcher.Host.Hosting;

/// <summary>live = the process answers (local only); ready = the silo serves grain calls and storage answers.</summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDispatcherHealth(this IServiceCollection services, DispatcherHostOptions options)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
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

internal sealed class ClusterHealthCheck(IGrainFactory grains, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("stopping");
        try
        {
            var version = await grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).GetVersion()
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return version > 0 ? HealthCheckResult.Healthy($"rules v{version}") : HealthCheckResult.Unhealthy("routing rules not loaded yet");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("grain calls fail", ex);
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
