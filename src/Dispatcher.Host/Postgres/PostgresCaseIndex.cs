using System.Text;
using Dispatcher.Cases;
using Npgsql;
using NpgsqlTypes;

namespace Dispatcher.Host.Postgres;

/// <summary>The production case index: one row per case in dispatcher_case_index (deploy/sql/010).</summary>
public sealed class PostgresCaseIndex(NpgsqlDataSource database) : ICaseIndex
{
    private const string UpsertSql = """
        INSERT INTO dispatcher_case_index
            (id, category, district, department_id, status, priority, channel, created_at, updated_at, deadline_at, returns, reopened, version, overdue, escalated, storage_version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        ON CONFLICT (id) DO UPDATE SET
            department_id = EXCLUDED.department_id, status = EXCLUDED.status, priority = EXCLUDED.priority,
            updated_at = EXCLUDED.updated_at, deadline_at = EXCLUDED.deadline_at, returns = EXCLUDED.returns,
            reopened = EXCLUDED.reopened, version = EXCLUDED.version, overdue = EXCLUDED.overdue, escalated = EXCLUDED.escalated,
            storage_version = EXCLUDED.storage_version
        WHERE dispatcher_case_index.version < EXCLUDED.version OR dispatcher_case_index.storage_version < EXCLUDED.storage_version
        """;

    public async Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.AddWithValue(row.Id);
        p.AddWithValue(row.Category);
        p.AddWithValue(row.District);
        p.AddWithValue(NpgsqlDbType.Text, (object?)row.DepartmentId ?? DBNull.Value);
        p.AddWithValue(row.Status.ToString());
        p.AddWithValue(row.Priority.ToString());
        p.AddWithValue(row.Channel);
        p.AddWithValue(row.CreatedAt.UtcDateTime);
        p.AddWithValue(row.UpdatedAt.UtcDateTime);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)row.DeadlineAt?.UtcDateTime ?? DBNull.Value);
        p.AddWithValue(row.Returns);
        p.AddWithValue(row.Reopened);
        p.AddWithValue(row.Version);
        p.AddWithValue(row.Overdue);
        p.AddWithValue(row.Escalated);
        p.AddWithValue(row.StorageVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder(" WHERE true");
        var parameters = new List<NpgsqlParameter>();
        void Filter(string column, string op, object? value)
        {
            if (value is null) return;
            parameters.Add(new NpgsqlParameter { Value = value });
            where.Append($" AND {column} {op} ${parameters.Count}");
        }
        Filter("department_id", "=", query.DepartmentId);
        Filter("status", "=", query.Status?.ToString());
        Filter("category", "=", query.Category);
        Filter("district", "=", query.District);
        Filter("created_at", ">=", query.From?.UtcDateTime);
        Filter("created_at", "<", query.To?.UtcDateTime);
        if (query.DifficultOnly) where.Append(" AND (overdue OR returns >= 2 OR reopened > 0 OR escalated)");
        if (query.OpenOverdueOnly) where.Append(" AND overdue AND status NOT IN ('Resolved', 'Closed')");

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM dispatcher_case_index" + where, connection))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var sql = "SELECT id, category, district, department_id, status, priority, channel, created_at, updated_at, deadline_at, returns, reopened, version, overdue, escalated " +
                  "FROM dispatcher_case_index" + where + $" ORDER BY created_at DESC, id LIMIT {query.PageSize} OFFSET {(long)(query.Page - 1) * query.PageSize}";
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
                reader.GetBoolean(13), reader.GetBoolean(14)));
        }
        return new CasePage(items, total, query.Page, query.PageSize);
    }
}
