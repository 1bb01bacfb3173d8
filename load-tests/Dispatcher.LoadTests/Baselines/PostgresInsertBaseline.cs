using System.Collections.Concurrent;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Suite;
using Npgsql;

namespace Dispatcher.LoadTests.Baselines;

/// <summary>What PostgreSQL takes on this machine: single-row inserts, with its commit settings as facts.</summary>
public static class PostgresInsertBaseline
{
    /// <summary>Raw single-row 1 KB INSERT, one connection per client, prepared, autocommit (like pgbench's simple insert).</summary>
    public static async Task<(RunResult Result, Dictionary<string, object?> Facts)> Run(LoadOptions o, CancellationToken stop)
    {
        var cs = new NpgsqlConnectionStringBuilder(o.Pg) { MaxPoolSize = o.BaselineCallers + 4, Pooling = true }.ConnectionString;
        var facts = new Dictionary<string, object?>();
        await using (var c = new NpgsqlConnection(cs))
        {
            await c.OpenAsync(stop);
            facts["serverVersion"] = c.ServerVersion;
            await using (var cmd = new NpgsqlCommand("SHOW synchronous_commit", c)) facts["synchronous_commit"] = await cmd.ExecuteScalarAsync(stop);
            await using (var cmd = new NpgsqlCommand("SHOW fsync", c)) facts["fsync"] = await cmd.ExecuteScalarAsync(stop);
            await using (var cmd = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS loadtests_insert_baseline (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL); TRUNCATE loadtests_insert_baseline;", c))
                await cmd.ExecuteNonQueryAsync(stop);
        }
        var pool = new ConcurrentQueue<(NpgsqlConnection Conn, NpgsqlCommand Cmd)>();
        for (var k = 0; k < o.BaselineCallers; k++)
        {
            var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(stop);
            var cmd = new NpgsqlCommand("INSERT INTO loadtests_insert_baseline (payload) VALUES ($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = new string('p', 1024) });
            await cmd.PrepareAsync(stop);
            pool.Enqueue((conn, cmd));
        }
        try
        {
            var r = await ClosedLoop.Run("baseline: PostgreSQL 1 KB insert", o.BaselineCallers, o.Warmup, o.Measure, o.MaxCount, async (i, ct) =>
            {
                if (!pool.TryDequeue(out var pc)) throw new InvalidOperationException("no free connection");
                try { await pc.Cmd.ExecuteNonQueryAsync(ct); }
                finally { pool.Enqueue(pc); }
            }, stop);
            return (r, facts);
        }
        finally
        {
            while (pool.TryDequeue(out var pc)) { await pc.Cmd.DisposeAsync(); await pc.Conn.DisposeAsync(); }
            try
            {
                await using var c = new NpgsqlConnection(cs);
                await c.OpenAsync(CancellationToken.None);
                await using var cmd = new NpgsqlCommand("DROP TABLE IF EXISTS loadtests_insert_baseline", c);
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch { }
        }
    }
}
