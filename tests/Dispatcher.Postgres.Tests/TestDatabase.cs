using Dispatcher.Storage.Postgres;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// A fresh, migrated database on the PostgreSQL that ./test.sh started (DISPATCHER_TEST_PG).
/// Without that server these tests fail loudly: they are never skipped.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }
    /// <summary>The test's own queries use fresh connections: a pooled one would not survive a server restart.</summary>
    private string QueryConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
    private readonly string _admin;

    private TestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("DISPATCHER_TEST_PG") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException("DISPATCHER_TEST_PG is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public static async Task<TestDatabase> Create(string? adminConnectionString = null, bool migrate = true)
    {
        var admin = adminConnectionString ?? AdminConnectionString;
        var db = new TestDatabase(admin, "t_" + Guid.NewGuid().ToString("N")[..16]);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {db.Name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        if (migrate) await SchemaMigrator.Migrate(db.ConnectionString, TextWriter.Null);
        return db;
    }

    public async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(QueryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    public async Task<List<string>> Column(string sql)
    {
        await using var connection = new NpgsqlConnection(QueryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(QueryConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone (the restart test stops its own); nothing to clean then.
        }
    }
}
