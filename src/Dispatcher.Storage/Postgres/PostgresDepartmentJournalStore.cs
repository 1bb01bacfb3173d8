using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Dispatcher.Storage.Postgres;

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

    /// <summary>
    /// Batches of all departments on this silo are group-committed (ADR-011): one INSERT per round
    /// trip. Each department already groups its own notices, but with sixteen departments busy a
    /// surge would otherwise still cost a commit per department write.
    /// </summary>
    private readonly GroupCommit<JournalRow> _appends = new(rows => InsertBatch(database, rows));

    private sealed record JournalRow(string ServiceId, string DepartmentId, long Generation, int Batch, byte[] Notices)
    {
        /// <summary>Set by the batch insert when the row was not stored because its key was taken.</summary>
        public bool Taken { get; set; }
    }

    public async Task Append(string departmentId, long generation, int batch, IReadOnlyList<DepartmentNotice> notices, CancellationToken cancellationToken = default)
    {
        var row = new JournalRow(_serviceId, departmentId, generation, batch, serializer.SerializeToArray(notices.ToList()));
        await _appends.Submit(row);
        if (row.Taken)
            throw JournalConflict.For(departmentId, generation, batch);
    }

    private static async Task InsertBatch(NpgsqlDataSource database, IReadOnlyList<JournalRow> rows)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO dispatcher_department_journal (service_id, department_id, generation, batch, notices)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::bytea[])
            ON CONFLICT DO NOTHING
            RETURNING service_id, department_id, generation, batch
            """);
        command.Parameters.AddWithValue(rows.Select(r => r.ServiceId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.DepartmentId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Generation).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Batch).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Notices).ToArray());
        var stored = new HashSet<(string, string, long, int)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stored.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        // A key written twice in one batch (two activations at once) is stored once: the first row wins.
        foreach (var row in rows) row.Taken = !stored.Remove((row.ServiceId, row.DepartmentId, row.Generation, row.Batch));
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
