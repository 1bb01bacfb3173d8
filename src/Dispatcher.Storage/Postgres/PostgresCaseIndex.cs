using System.Text;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Domain.Reports;
using Dispatcher.Storage.Ports;
using Npgsql;
using NpgsqlTypes;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// The production case index: one row per case in dispatcher_case_index (deploy/sql/010), keyed by
/// the service (deploy/sql/020, ADR-035): every read and write names <paramref name="serviceId"/>.
/// </summary>
public sealed class PostgresCaseIndex(NpgsqlDataSource database, string serviceId) : ICaseIndex
{
    // Rows from many cases are written by one statement (group commit): the case still waits until
    // its row is stored, but a surge costs one commit per batch instead of one per transition.
    private const string UpsertSql = """
        INSERT INTO dispatcher_case_index
            (service_id, id, category, district, department_id, status, priority, channel, created_at, updated_at, deadline_at, returns, reopened, version, overdue, escalated, storage_version, wake_at,
             resolved_without_reply, satisfied_without_acknowledge, claimed_by, co_departments)
        SELECT $22, u.id, u.category, u.district, u.department_id, u.status, u.priority, u.channel, u.created_at, u.updated_at, u.deadline_at, u.returns, u.reopened,
               u.version, u.overdue, u.escalated, u.storage_version, u.wake_at, u.resolved_without_reply, u.satisfied_without_acknowledge, u.claimed_by,
               -- A parameter cannot be an array of arrays of different lengths: each row's co-departments travel as one tab-separated text.
               CASE WHEN u.co_departments = '' THEN '{}'::text[] ELSE string_to_array(u.co_departments, E'\t') END
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[],
                    $10::timestamptz[], $11::int[], $12::int[], $13::bigint[], $14::boolean[], $15::boolean[], $16::int[], $17::timestamptz[],
                    $18::boolean[], $19::boolean[], $20::text[], $21::text[])
             AS u(id, category, district, department_id, status, priority, channel, created_at, updated_at, deadline_at, returns, reopened,
                  version, overdue, escalated, storage_version, wake_at, resolved_without_reply, satisfied_without_acknowledge, claimed_by, co_departments)
        ON CONFLICT (service_id, id) DO UPDATE SET
            department_id = EXCLUDED.department_id, status = EXCLUDED.status, priority = EXCLUDED.priority,
            updated_at = EXCLUDED.updated_at, deadline_at = EXCLUDED.deadline_at, returns = EXCLUDED.returns,
            reopened = EXCLUDED.reopened, version = EXCLUDED.version, overdue = EXCLUDED.overdue, escalated = EXCLUDED.escalated,
            storage_version = EXCLUDED.storage_version, wake_at = EXCLUDED.wake_at,
            resolved_without_reply = EXCLUDED.resolved_without_reply, satisfied_without_acknowledge = EXCLUDED.satisfied_without_acknowledge,
            claimed_by = EXCLUDED.claimed_by, co_departments = EXCLUDED.co_departments
        WHERE dispatcher_case_index.version < EXCLUDED.version OR dispatcher_case_index.storage_version < EXCLUDED.storage_version
           OR (dispatcher_case_index.version = EXCLUDED.version AND dispatcher_case_index.storage_version = EXCLUDED.storage_version
               AND dispatcher_case_index.wake_at IS DISTINCT FROM EXCLUDED.wake_at)
        """;

    private readonly GroupCommit<CaseIndexRow> _writes = new(async rows =>
    {
        await using var connection = await database.OpenConnectionAsync();
        await WriteBatch(connection, transaction: null, serviceId, rows);
    });

    public Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default) => _writes.Submit(row);

    /// <summary>Upserts the rows on <paramref name="connection"/>, inside <paramref name="transaction"/> when given (the case storage writes them with the state, ADR-029).</summary>
    internal static async Task WriteBatch(NpgsqlConnection connection, NpgsqlTransaction? transaction, string serviceId, IReadOnlyList<CaseIndexRow> batch)
    {
        await using var command = new NpgsqlCommand(UpsertSql, connection, transaction);
        AddParameters(command.Parameters, serviceId, batch);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The upsert of <paramref name="batch"/> as one command of an <see cref="NpgsqlBatch"/> (the case storage sends it with the state, ADR-029).</summary>
    internal static NpgsqlBatchCommand UpsertCommand(string serviceId, IReadOnlyList<CaseIndexRow> batch)
    {
        var command = new NpgsqlBatchCommand(UpsertSql);
        AddParameters(command.Parameters, serviceId, batch);
        return command;
    }

    private static void AddParameters(NpgsqlParameterCollection p, string serviceId, IReadOnlyList<CaseIndexRow> batch)
    {
        // One row per case: ON CONFLICT may not touch a row twice in one statement, and the newest wins anyway.
        var rows = batch.GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => g.Aggregate((a, b) => b.Supersedes(a) ? b : a)).ToArray();
        p.AddWithValue(rows.Select(r => r.Id).ToArray());
        p.AddWithValue(rows.Select(r => r.Category).ToArray());
        p.AddWithValue(rows.Select(r => r.District).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.DepartmentId).ToArray());
        p.AddWithValue(rows.Select(r => r.Status.ToString()).ToArray());
        p.AddWithValue(rows.Select(r => r.Priority.ToString()).ToArray());
        p.AddWithValue(rows.Select(r => r.Channel).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.CreatedAt.UtcDateTime).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.UpdatedAt.UtcDateTime).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.DeadlineAt?.UtcDateTime).ToArray());
        p.AddWithValue(rows.Select(r => r.Returns).ToArray());
        p.AddWithValue(rows.Select(r => r.Reopened).ToArray());
        p.AddWithValue(rows.Select(r => r.Version).ToArray());
        p.AddWithValue(rows.Select(r => r.Overdue).ToArray());
        p.AddWithValue(rows.Select(r => r.Escalated).ToArray());
        p.AddWithValue(rows.Select(r => r.StorageVersion).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.WakeAt?.UtcDateTime).ToArray());
        p.AddWithValue(rows.Select(r => r.ResolvedWithoutReply).ToArray());
        p.AddWithValue(rows.Select(r => r.SatisfiedWithoutAcknowledge).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.ClaimedBy).ToArray());
        p.AddWithValue(rows.Select(r => string.Join('\t', r.CoDepartments ?? [])).ToArray());
        p.AddWithValue(serviceId);
    }

    /// <summary>The bucket's slots through the (service_id, deadline_slot, wake_at) index of deploy/sql/020 (ADR-030).</summary>
    public async Task<IReadOnlyList<string>> DueForWake(DeadlineBucket bucket, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "SELECT id FROM dispatcher_case_index WHERE service_id = $4 AND deadline_slot = ANY($1) AND wake_at <= $2 ORDER BY wake_at LIMIT $3");
        command.Parameters.AddWithValue(bucket.SlotNumbers());
        command.Parameters.AddWithValue(now.UtcDateTime);
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(serviceId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The predicate of the co-departments' partial index (deploy/sql/021): stated with each co-department filter so the index serves it.</summary>
    public const string JointCase = "co_departments <> '{}'";

    public async Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = serviceId } };
        var where = new StringBuilder(" WHERE service_id = $1");
        void Filter(string column, string op, object? value)
        {
            if (value is null) return;
            parameters.Add(new NpgsqlParameter { Value = value });
            where.Append($" AND {column} {op} ${parameters.Count}");
        }
        Filter("department_id", "=", query.DepartmentId);
        if (query.DepartmentIds is { } departments)
        {
            parameters.Add(new NpgsqlParameter { Value = departments.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            // A scope's search finds the cases its departments lead or co-handle (ADR-027).
            where.Append(query.CoHandledInScope
                ? $" AND (department_id = ANY(${parameters.Count}) OR ({JointCase} AND co_departments && ${parameters.Count}))"
                : $" AND department_id = ANY(${parameters.Count})");
        }
        if (query.CoDepartmentId is { } co)
        {
            parameters.Add(new NpgsqlParameter { Value = new[] { co }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            where.Append($" AND {JointCase} AND co_departments @> ${parameters.Count}");
        }
        void AnyOf(string column, IEnumerable<string>? values)
        {
            if (values is null) return;
            parameters.Add(new NpgsqlParameter { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            where.Append($" AND {column} = ANY(${parameters.Count})");
        }
        AnyOf("category", query.Categories);
        AnyOf("status", query.Statuses?.Select(s => s.ToString()));
        Filter("updated_at", ">=", query.UpdatedFrom?.UtcDateTime);
        Filter("updated_at", "<", query.UpdatedTo?.UtcDateTime);
        Filter("status", "=", query.Status?.ToString());
        Filter("category", "=", query.Category);
        Filter("district", "=", query.District);
        Filter("created_at", ">=", query.From?.UtcDateTime);
        Filter("created_at", "<", query.To?.UtcDateTime);
        if (query.DifficultOnly) where.Append($" AND (overdue OR returns >= {DifficultCaseRule.ReturnsAtLeast} OR reopened >= {DifficultCaseRule.ReopenedAtLeast} OR escalated " +
                                                 "OR resolved_without_reply OR satisfied_without_acknowledge)");
        if (query.OpenOverdueOnly) where.Append(" AND overdue AND status NOT IN ('Resolved', 'Closed')");
        // Served by the partial index of deploy/sql/022.
        if (query.EscalatedOnly) where.Append(" AND escalated");

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM dispatcher_case_index" + where, connection))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var sql = "SELECT id, category, district, department_id, status, priority, channel, created_at, updated_at, deadline_at, returns, reopened, version, overdue, escalated, " +
                  "resolved_without_reply, satisfied_without_acknowledge, claimed_by, co_departments " +
                  "FROM dispatcher_case_index" + where + $" ORDER BY created_at {(query.OldestFirst ? "ASC" : "DESC")}, id LIMIT {query.PageSize} OFFSET {(long)(query.Page - 1) * query.PageSize}";
        await using var select = new NpgsqlCommand(sql, connection);
        select.Parameters.AddRange(parameters.ToArray());
        var items = new List<CaseIndexRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CaseIndexRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                Enum.Parse<CaseStatus>(reader.GetString(4)), Enum.Parse<CasePriority>(reader.GetString(5)), reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt64(12),
                reader.GetBoolean(13), reader.GetBoolean(14), ResolvedWithoutReply: reader.GetBoolean(15), SatisfiedWithoutAcknowledge: reader.GetBoolean(16),
                ClaimedBy: reader.IsDBNull(17) ? null : reader.GetString(17), CoDepartments: reader.GetFieldValue<string[]>(18)));
        }
        return new CasePage(items, total, query.Page, query.PageSize);
    }
}
