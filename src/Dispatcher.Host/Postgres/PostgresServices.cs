using Dispatcher.Abstractions.Cases;
using Dispatcher.Host.Hosting;
using Npgsql;

namespace Dispatcher.Host.Postgres;

public static class PostgresServices
{
    /// <summary>Production mode: the case index and the department journal in PostgreSQL, after checking the schema is there (fail fast).</summary>
    public static IServiceCollection AddPostgresServices(this IServiceCollection services, IConfiguration configuration, PostgresSettings settings)
    {
        SchemaMigrator.EnsureReady(PostgresPools.ConnectionString(configuration)).GetAwaiter().GetResult();
        var indexConnection = PostgresPools.ForIndex(configuration, settings);
        services.AddSingleton(_ => NpgsqlDataSource.Create(indexConnection));
        services.AddSingleton<ICaseIndex, PostgresCaseIndex>();
        services.AddSingleton<Dispatcher.Grains.Departments.IDepartmentJournalStore, PostgresDepartmentJournalStore>();
        services.AddOptions<ReconcileOptions>().BindConfiguration(ReconcileOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.Window > TimeSpan.Zero && o.BatchSize > 0, "Dispatcher:Reconcile: Interval, Window and BatchSize must be positive.")
            .ValidateOnStart();
        services.AddHostedService<CaseReconciler>();
        return services;
    }
}
