using Npgsql;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// Applies deploy/sql/*.sql (copied beside the binary as sql/) in file-name order, skipping the files
/// whose number dispatcher_schema_version already records: a later file may replace what an earlier
/// one built (020 rebuilt the case indexes behind the service), and running the earlier file again
/// would rebuild what was replaced on every migration. Every file is still idempotent, so a file
/// that failed half-way, or runs twice in a race, is harmless; an advisory lock keeps two silos from
/// migrating at once.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x12345;

    public static string ScriptFolder => Path.Combine(AppContext.BaseDirectory, "sql");

    public static IReadOnlyList<string> Scripts() =>
        Directory.Exists(ScriptFolder) ? Directory.GetFiles(ScriptFolder, "*.sql").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray() : [];

    /// <summary>The schema version this build expects: the number of its newest script.</summary>
    public static int ExpectedVersion => Scripts().Select(NumberOf).DefaultIfEmpty(0).Max();

    /// <summary>A script's number: the digits before the first '_' of its name (020_case_service_scope.sql → 20).</summary>
    private static int NumberOf(string script) => int.Parse(Path.GetFileName(script).Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The script numbers this database records as applied; none before the ledger exists.</summary>
    private static async Task<HashSet<int>> AppliedVersions(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM dispatcher_schema_version", connection);
        var applied = new HashSet<int>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A new database: every script runs.
        }
        return applied;
    }

    /// <param name="serviceId">The service that owns the case rows written before scripts scoped them by service (deploy/sql/020); null lets the script decide.</param>
    public static async Task<int> Migrate(string connectionString, TextWriter output, CancellationToken cancellationToken = default, string? serviceId = null)
    {
        var scripts = Scripts();
        if (scripts.Count == 0) throw new InvalidOperationException($"No SQL scripts found in {ScriptFolder}.");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        if (!string.IsNullOrWhiteSpace(serviceId))
        {
            await using var owner = new NpgsqlCommand("SELECT set_config('dispatcher.service_id', $1, false)", connection);
            owner.Parameters.AddWithValue(serviceId);
            await owner.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            var applied = await AppliedVersions(connection, cancellationToken);
            foreach (var script in scripts)
            {
                if (applied.Contains(NumberOf(script)))
                {
                    output.WriteLine($"already applied {Path.GetFileName(script)}");
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(await File.ReadAllTextAsync(script, cancellationToken), connection, transaction))
                    await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                output.WriteLine($"applied {Path.GetFileName(script)}");
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
        var version = await CurrentVersion(connection, cancellationToken);
        output.WriteLine($"schema version {version}");
        return version;
    }

    /// <summary>Fails fast, saying what to run, when the database is unreachable or behind this build.</summary>
    public static async Task EnsureReady(string connectionString, CancellationToken cancellationToken = default)
    {
        const string hint = "Run: dotnet run --project src/Dispatcher.Host -- migrate (with the same ConnectionStrings:Dispatcher), or deploy/migrate.sh.";
        int version;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            version = await CurrentVersion(connection, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException($"The Dispatcher schema is missing in this database. {hint}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}') is unreachable: {ex.Message}. " +
                "Check ConnectionStrings:Dispatcher and that the server runs.", ex);
        }
        if (version < ExpectedVersion)
            throw new InvalidOperationException($"The database schema is at version {version}, this build needs {ExpectedVersion}. {hint}");
    }

    private static async Task<int> CurrentVersion(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM dispatcher_schema_version", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
