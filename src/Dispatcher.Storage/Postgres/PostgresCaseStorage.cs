using System.Globalization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// The grain storage of case grains in PostgreSQL mode (ADR-029; deploy/sql/018): a case's state
/// (Orleans binary format, ADR-019) and its case-index row are written in one transaction, and the
/// writes of many cases share one transaction (<see cref="GroupCommit{T}"/>). Each write keeps its
/// own ETag check, as the ADO.NET provider does: the ETag is the row's integer version (1 on the first
/// write, +1 per write or clear); a stale ETag, or none while a row exists, fails only that write with
/// <see cref="InconsistentStateException"/>, and a write returns only after its transaction committed.
/// Reads are batched the same way, so a brand-new case's activation read (Orleans reads state before
/// the first call runs) shares one query with every other activation of that moment.
/// </summary>
/// <param name="serviceId">The service (Dispatcher:Cluster:ServiceId) whose cases these are: every row is keyed by it (deploy/sql/020, ADR-035).</param>
/// <param name="writtenBy">This silo, recorded on every write: the reconciler delivers what dead silos left pending.</param>
public sealed class PostgresCaseStorage(
    NpgsqlDataSource database, IGrainStorageSerializer serializer, IActivatorProvider activators, CaseWorkflow workflow, string serviceId, string writtenBy) : IGrainStorage
{
    private sealed class Write(string id, int? expected, byte[] payload, bool outboxPending, CaseState state)
    {
        public string Id => id;
        public int? Expected => expected;
        public byte[] Payload => payload;
        public bool OutboxPending => outboxPending;
        public CaseState State => state;
        /// <summary>Set by the batch: the stored version, or null when the ETag did not match.</summary>
        public int? Stored { get; set; }
    }

    private sealed class Read(string id)
    {
        public string Id => id;
        public (int Version, byte[]? Payload)? Row { get; set; }
    }

    // Inserts (no ETag) and updates (ETag = version) of distinct cases in one statement; the ids it
    // returns are the writes whose ETag matched. The update names the batch's ids twice: "id =
    // ANY($1)" lets the planner reach the rows by the primary key alone, so a statistics estimate
    // that calls the service rare cannot make it scan the service's rows and hash them (ADR-041).
    private const string WriteSql = WriteCte + "SELECT id, version FROM written";

    // The same, aborting the whole (implicit) transaction when any ETag did not match (deploy/sql/018).
    private const string WriteAllOrNoneSql = WriteCte + """
        SELECT id, version FROM written
        UNION ALL SELECT NULL, NULL WHERE NOT dispatcher_case_state_all_written($7, (SELECT count(*)::int FROM written))
        """;

    private const string WriteCte = """
        WITH input AS (SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[], $4::boolean[]) AS u(id, expected, payload, outbox_pending)),
        inserted AS (
            INSERT INTO dispatcher_case_state (service_id, id, version, payload, outbox_pending, written_by, modified_on)
            SELECT $6, id, 1, payload, outbox_pending, $5, now() FROM input WHERE expected IS NULL
            ON CONFLICT (service_id, id) DO NOTHING
            RETURNING id, version),
        updated AS (
            UPDATE dispatcher_case_state s
               SET version = s.version + 1, payload = i.payload, outbox_pending = i.outbox_pending, written_by = $5, modified_on = now()
              FROM input i
             WHERE i.expected IS NOT NULL AND s.service_id = $6 AND s.id = ANY($1) AND s.id = i.id AND s.version = i.expected
            RETURNING s.id, s.version),
        written AS (SELECT id, version FROM inserted UNION ALL SELECT id, version FROM updated)

        """;

    /// <summary>SQLSTATE of <c>dispatcher_case_state_all_written</c>: some write of the batch had a stale ETag.</summary>
    private const string SomeEtagStale = "DC409";

    private const string ReadSql = "SELECT id, version, payload FROM dispatcher_case_state WHERE service_id = $2 AND id = ANY($1)";

    private const string ClearSql = """
        UPDATE dispatcher_case_state SET payload = NULL, outbox_pending = false, version = version + 1, written_by = $3, modified_on = now()
        WHERE service_id = $4 AND id = $1 AND version = $2 RETURNING version
        """;

    private readonly GroupCommit<Write> _writes = new(batch => WriteBatch(database, serviceId, writtenBy, workflow, batch));
    private readonly GroupCommit<Read> _reads = new(batch => ReadBatch(database, serviceId, batch));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new Read(Key(grainId));
        await _reads.Submit(read);
        if (read.Row is { } row) grainState.ETag = Etag(row.Version);
        else grainState.ETag = null;
        grainState.RecordExists = read.Row?.Payload is not null;
        grainState.State = read.Row?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : activators.GetActivator<T>().Create();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is not CaseState state)
            throw new NotSupportedException($"{nameof(PostgresCaseStorage)} stores case state only, not {typeof(T).Name} ({grainId}).");
        var expected = Version(grainState.ETag);
        var write = new Write(Key(grainId), expected, serializer.Serialize(grainState.State).ToArray(), state.Outbox.Count > 0, state);
        await _writes.Submit(write);
        if (write.Stored is not { } stored) throw Mismatch(stateName, grainId, grainState.ETag);
        grainState.ETag = Etag(stored);
        grainState.RecordExists = true;
    }

    /// <summary>Rare (cases are never cleared today), so not batched: the payload goes, the version moves on, as in the ADO.NET provider.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Version(grainState.ETag) is { } expected)
        {
            await using var command = database.CreateCommand(ClearSql);
            command.Parameters.AddWithValue(Key(grainId));
            command.Parameters.AddWithValue(expected);
            command.Parameters.AddWithValue(writtenBy);
            command.Parameters.AddWithValue(serviceId);
            if (await command.ExecuteScalarAsync() is not int cleared) throw Mismatch(stateName, grainId, grainState.ETag);
            grainState.ETag = Etag(cleared);
        }
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }

    private static async Task WriteBatch(NpgsqlDataSource database, string serviceId, string writtenBy, CaseWorkflow workflow, IReadOnlyList<Write> batch)
    {
        if (batch.Select(w => w.Id).Distinct(StringComparer.Ordinal).Count() == batch.Count)
        {
            try
            {
                await WriteAllOrNone(database, serviceId, writtenBy, workflow, batch);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == SomeEtagStale)
            {
                // Nothing of the batch was stored; written again below, where only the stale writes fail.
            }
        }
        await WriteInRounds(database, serviceId, writtenBy, workflow, batch);
    }

    /// <summary>
    /// The usual case, distinct cases that all pass their ETag check: state and index rows in one
    /// round trip and one implicit transaction, each index row with the version its write will store.
    /// </summary>
    private static async Task WriteAllOrNone(NpgsqlDataSource database, string serviceId, string writtenBy, CaseWorkflow workflow, IReadOnlyList<Write> batch)
    {
        await using var commands = database.CreateBatch();
        var state = new NpgsqlBatchCommand(WriteAllOrNoneSql);
        AddWriteParameters(state.Parameters, batch, serviceId, writtenBy);
        state.Parameters.AddWithValue(batch.Count);
        commands.BatchCommands.Add(state);
        var rows = batch.Select(w => workflow.IndexRow(w.State, (w.Expected ?? 0) + 1)).OfType<CaseIndexRow>().ToArray();
        if (rows.Length > 0) commands.BatchCommands.Add(PostgresCaseIndex.UpsertCommand(serviceId, rows));
        var stored = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                if (!reader.IsDBNull(0)) stored[reader.GetString(0)] = reader.GetInt32(1);
            while (await reader.NextResultAsync()) { }
        }
        // Only now, with every result read, has the implicit transaction committed.
        foreach (var w in batch) w.Stored = stored[w.Id];
    }

    /// <summary>Statement by statement in one transaction: a stale write fails alone, and two writes of one case go in successive rounds.</summary>
    private static async Task WriteInRounds(NpgsqlDataSource database, string serviceId, string writtenBy, CaseWorkflow workflow, IReadOnlyList<Write> batch)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new List<CaseIndexRow>(batch.Count);
        // One statement may touch a case once: two activations of the same case (a duplicate
        // activation) writing in one batch go in successive rounds, each with its own ETag check.
        foreach (var round in batch.GroupBy(w => w.Id, StringComparer.Ordinal).SelectMany(g => g.Select((w, k) => (w, k))).GroupBy(x => x.k, x => x.w))
        {
            var writes = round.ToArray();
            var stored = new Dictionary<string, int>(writes.Length, StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand(WriteSql, connection, transaction))
            {
                AddWriteParameters(command.Parameters, writes, serviceId, writtenBy);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) stored[reader.GetString(0)] = reader.GetInt32(1);
            }
            foreach (var w in writes)
            {
                if (!stored.TryGetValue(w.Id, out var version)) continue;
                w.Stored = version;
                if (workflow.IndexRow(w.State, version) is { } row) rows.Add(row);
            }
        }
        if (rows.Count > 0) await PostgresCaseIndex.WriteBatch(connection, transaction, serviceId, rows);
        await transaction.CommitAsync();
    }

    private static void AddWriteParameters(NpgsqlParameterCollection p, IReadOnlyList<Write> writes, string serviceId, string writtenBy)
    {
        p.AddWithValue(writes.Select(w => w.Id).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Integer, writes.Select(w => w.Expected).ToArray());
        p.AddWithValue(writes.Select(w => w.Payload).ToArray());
        p.AddWithValue(writes.Select(w => w.OutboxPending).ToArray());
        p.AddWithValue(writtenBy);
        p.AddWithValue(serviceId);
    }

    private static async Task ReadBatch(NpgsqlDataSource database, string serviceId, IReadOnlyList<Read> batch)
    {
        var byId = batch.ToLookup(r => r.Id, StringComparer.Ordinal);
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue(byId.Select(g => g.Key).ToArray());
        command.Parameters.AddWithValue(serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = (reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
            foreach (var read in byId[reader.GetString(0)]) read.Row = row;
        }
    }

    /// <summary>A case grain's key is its id (string-keyed grains).</summary>
    private static string Key(GrainId grainId) => grainId.Key.ToString()!;

    private static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static int? Version(string? etag) =>
        etag is null ? null : int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InconsistentStateException($"Not a case-state ETag: '{etag}'.", "unknown", etag);

    private static InconsistentStateException Mismatch(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was written by someone else since it was read (ETag {etag ?? "none"}).", "unknown", etag ?? "none");
}
