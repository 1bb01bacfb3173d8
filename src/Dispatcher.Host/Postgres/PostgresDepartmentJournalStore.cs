using Dispatcher.Departments;
using Dispatcher.Grains.Departments;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dispatcher.Host.Postgres;

/// <summary>The production department journal: one row per batch in dispatcher_department_journal (deploy/sql/013, ADR-011).</summary>
public sealed class PostgresDepartmentJournalStore(NpgsqlDataSource database, Serializer serializer, IOptions<ClusterOptions> cluster) : IDepartmentJournalStore
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task<JournalRead> Read(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT batch, notices FROM dispatcher_department_journal
            WHERE service_id = $1 AND department_id = $2 AND generation = $3 ORDER BY batch
            """);
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(generation);
        var notices = new List<DepartmentNotice>();
        var next = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            next = reader.GetInt32(0) + 1;
            notices.AddRange(serializer.Deserialize<List<DepartmentNotice>>((byte[])reader.GetValue(1)) ?? []);
        }
        return new JournalRead(notices, next);
    }

    public async Task Append(string departmentId, long generation, int batch, IReadOnlyList<DepartmentNotice> notices, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO dispatcher_department_journal (service_id, department_id, generation, batch, notices)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(generation);
        command.Parameters.AddWithValue(batch);
        command.Parameters.AddWithValue(serializer.SerializeToArray(notices.ToList()));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new InconsistentStateException($"Department {departmentId}: journal batch {generation}/{batch} was already written by another activation.");
    }

    public async Task Trim(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM dispatcher_department_journal WHERE service_id = $1 AND department_id = $2 AND generation < $3");
        command.Parameters.AddWithValue(_serviceId);
        command.Parameters.AddWithValue(departmentId);
        command.Parameters.AddWithValue(generation);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
