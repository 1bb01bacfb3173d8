using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Dispatcher.Storage.Postgres;

public static class PostgresStorageServices
{
    /// <summary>
    /// Production mode: the case index and the department journal in PostgreSQL (case grains' own storage, which writes the index row with the state, is wired by the silo: ADR-029), on the index pool
    /// (<see cref="PostgresPools.ForIndex"/>), after checking the schema is there (fail fast).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration, PostgresSettings settings)
    {
        SchemaMigrator.EnsureReady(PostgresPools.ConnectionString(configuration)).GetAwaiter().GetResult();
        var indexConnection = PostgresPools.ForIndex(configuration, settings);
        services.AddSingleton(_ => NpgsqlDataSource.Create(indexConnection));
        services.AddSingleton<ICaseIndex>(sp => new PostgresCaseIndex(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        services.AddSingleton<IDepartmentJournalStore, PostgresDepartmentJournalStore>();
        services.AddSingleton(new CaseIndexWriting(WithState: true));
        return services;
    }
}
