using Dispatcher.Storage.Postgres;

namespace Dispatcher.Host.Postgres;

public static class PostgresServices
{
    /// <summary>Production mode: PostgreSQL storage (case index, department journal) and the reconciler that repairs what a dead silo left undelivered.</summary>
    public static IServiceCollection AddPostgresServices(this IServiceCollection services, IConfiguration configuration, PostgresSettings settings)
    {
        services.AddPostgresStorage(configuration, settings);
        services.AddOptions<ReconcileOptions>().BindConfiguration(ReconcileOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.Window > TimeSpan.Zero && o.BatchSize > 0, "Dispatcher:Reconcile: Interval, Window and BatchSize must be positive.")
            .ValidateOnStart();
        services.AddHostedService<CaseReconciler>();
        return services;
    }
}
