using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using static Dispatcher.Storage.Postgres.VersionEtags;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// A grain storage for small, frequent writes of many grains (ADR-038; deploy/sql/022): the state
/// (Orleans binary format, ADR-019) in <c>dispatcher_grain_state</c>, and the writes of many grains
/// share one statement and one commit (<see cref="GroupCommit{T}"/>), where the ADO.NET provider
/// commits each write on its own. The ETag semantics are the provider's: the ETag is the row's
/// integer version; a stale ETag, or none while a row exists, fails only that write with
/// <see cref="InconsistentStateException"/>; a write returns only after its statement committed.
/// Activation reads are batched the same way. Used by the agent grains, whose figures every
/// first-contact intake writes.
/// </summary>
/// <param name="serviceId">The service (Dispatcher:Cluster:ServiceId) whose grains these are: every row is keyed by it.</param>
public sealed class PostgresGrainStateStorage(
    NpgsqlDataSource database, IGrainStorageSerializer serializer, IActivatorProvider activators, string serviceId) : IGrainStorage
{
    private sealed class Write((string GrainId, string StateName) key, int? expected, byte[] payload)
    {
        public (string GrainId, string StateName) Key => key;
        public int? Expected => expected;
        public byte[] Payload => payload;
        /// <summary>Set by the batch: the stored version, or null when the ETag did not match.</summary>
        public int? Stored { get; set; }
    }

    private sealed class Read((string GrainId, string StateName) key)
    {
        public (string GrainId, string StateName) Key => key;
        public (int Version, byte[]? Payload)? Row { get; set; }
    }

    // Inserts (no ETag) and updates (ETag = version) of distinct rows in one statement; the rows it
    // returns are the writes whose ETag matched.
    private const string WriteSql = """
        WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bytea[]) AS u(grain_id, state_name, expected, payload)),
        inserted AS (
            INSERT INTO dispatcher_grain_state (service_id, grain_id, state_name, version, payload, modified_on)
            SELECT $5, grain_id, state_name, 1, payload, now() FROM input WHERE expected IS NULL
            ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
            RETURNING grain_id, state_name, version),
        updated AS (
            UPDATE dispatcher_grain_state g
               SET version = g.version + 1, payload = i.payload, modified_on = now()
              FROM input i
             WHERE i.expected IS NOT NULL AND g.service_id = $5 AND g.grain_id = i.grain_id AND g.state_name = i.state_name AND g.version = i.expected
            RETURNING g.grain_id, g.state_name, g.version)
        SELECT grain_id, state_name, version FROM inserted UNION ALL SELECT grain_id, state_name, version FROM updated
        """;

    private const string ReadSql = """
        SELECT g.grain_id, g.state_name, g.version, g.payload
          FROM dispatcher_grain_state g
          JOIN unnest($1::text[], $2::text[]) AS k(grain_id, state_name) ON g.grain_id = k.grain_id AND g.state_name = k.state_name
         WHERE g.service_id = $3
        """;

    private const string ClearSql = """
        UPDATE dispatcher_grain_state SET payload = NULL, version = version + 1, modified_on = now()
        WHERE service_id = $4 AND grain_id = $1 AND state_name = $2 AND version = $3 RETURNING version
        """;

    private readonly GroupCommit<Write> _writes = new(batch => WriteBatch(database, serviceId, batch));
    private readonly GroupCommit<Read> _reads = new(batch => ReadBatch(database, serviceId, batch));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new Read(Key(stateName, grainId));
        await _reads.Submit(read);
        grainState.ETag = read.Row is { } row ? Etag(row.Version) : null;
        grainState.RecordExists = read.Row?.Payload is not null;
        grainState.State = read.Row?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : activators.GetActivator<T>().Create();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new Write(Key(stateName, grainId), Version(grainState.ETag), serializer.Serialize(grainState.State).ToArray());
        await _writes.Submit(write);
        if (write.Stored is not { } stored) throw Mismatch(stateName, grainId, grainState.ETag);
        grainState.ETag = Etag(stored);
        grainState.RecordExists = true;
    }

    /// <summary>Rare, so not batched: the payload goes and the version moves on, as in the ADO.NET provider.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Clear(stateName, grainId, grainState, activators, async expected =>
        {
            await using var command = database.CreateCommand(ClearSql);
            command.Parameters.AddWithValue(grainId.ToString());
            command.Parameters.AddWithValue(stateName);
            command.Parameters.AddWithValue(expected);
            command.Parameters.AddWithValue(serviceId);
            return await command.ExecuteScalarAsync();
        });

    /// <summary>
    /// One statement for a batch of distinct rows (the usual case). A statement may touch a row once,
    /// so two writes of one grain in a batch (a duplicate activation) go in successive statements of
    /// one transaction, each with its own ETag check.
    /// </summary>
    private static async Task WriteBatch(NpgsqlDataSource database, string serviceId, IReadOnlyList<Write> batch)
    {
        var rounds = batch.GroupBy(w => w.Key).SelectMany(g => g.Select((w, k) => (w, k))).GroupBy(x => x.k, x => x.w).Select(r => r.ToArray()).ToArray();
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = rounds.Length > 1 ? await connection.BeginTransactionAsync() : null;
        foreach (var writes in rounds)
        {
            var stored = new Dictionary<(string, string), int>(writes.Length);
            await using (var command = new NpgsqlCommand(WriteSql, connection, transaction))
            {
                command.Parameters.AddWithValue(writes.Select(w => w.Key.GrainId).ToArray());
                command.Parameters.AddWithValue(writes.Select(w => w.Key.StateName).ToArray());
                command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Integer, writes.Select(w => w.Expected).ToArray());
                command.Parameters.AddWithValue(writes.Select(w => w.Payload).ToArray());
                command.Parameters.AddWithValue(serviceId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) stored[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
            }
            foreach (var w in writes) w.Stored = stored.TryGetValue(w.Key, out var version) ? version : null;
        }
        if (transaction is not null) await transaction.CommitAsync();
    }

    private static async Task ReadBatch(NpgsqlDataSource database, string serviceId, IReadOnlyList<Read> batch)
    {
        var byKey = batch.ToLookup(r => r.Key);
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue(byKey.Select(g => g.Key.GrainId).ToArray());
        command.Parameters.AddWithValue(byKey.Select(g => g.Key.StateName).ToArray());
        command.Parameters.AddWithValue(serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = (reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
            foreach (var read in byKey[(reader.GetString(0), reader.GetString(1))]) read.Row = row;
        }
    }

    /// <summary>A row is a grain (its full id, type and key: "agent/li") under one state name.</summary>
    private static (string GrainId, string StateName) Key(string stateName, GrainId grainId) => (grainId.ToString(), stateName);
}
