using Npgsql;

namespace Dispatcher.LoadTests.Peer;

/// <summary>
/// The peer's own tables, in schema <c>peer</c> of the same database: a case row with its document as
/// jsonb, its history rows, and (variant A) a counter row per department and month. The index on
/// (department_id, created_at) is what variant B's counting query and a department's inbox read need.
/// </summary>
public static class PeerSchema
{
    private const string CreateSql = """
        CREATE SCHEMA IF NOT EXISTS peer;
        CREATE TABLE IF NOT EXISTS peer.cases (
            id text PRIMARY KEY, category text NOT NULL, district text NOT NULL, department_id text NULL,
            status text NOT NULL, priority text NOT NULL, channel text NOT NULL, created_at timestamptz NOT NULL, payload jsonb NOT NULL);
        CREATE INDEX IF NOT EXISTS peer_cases_department ON peer.cases (department_id, created_at);
        CREATE TABLE IF NOT EXISTS peer.case_history (
            case_id text NOT NULL, seq int NOT NULL, at timestamptz NOT NULL, action text NOT NULL, department_id text NULL, note text NULL,
            PRIMARY KEY (case_id, seq));
        CREATE TABLE IF NOT EXISTS peer.department_months (
            department_id text NOT NULL, month text NOT NULL, received int NOT NULL, PRIMARY KEY (department_id, month));
        """;

    /// <summary>Creates the tables if needed and empties them, so every run starts from the same place.</summary>
    public static async Task Reset(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(CreateSql + "TRUNCATE peer.cases, peer.case_history, peer.department_months;", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task Drop(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS peer CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
