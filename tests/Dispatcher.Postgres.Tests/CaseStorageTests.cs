using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The case grains' own storage (ADR-029) against real PostgreSQL: the ADO.NET provider's ETag
/// semantics, the index row written in the state's transaction, conflicts that fail only their own
/// write inside a group-committed batch, and migration 018 moving a row the old provider wrote.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CaseStorageTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseIntake).Assembly).AddAssembly(typeof(CaseState).Assembly))
        .BuildServiceProvider();
    private static readonly CaseWorkflow Workflow = new(CityDirectory.Load(Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json")));
    private const string State = "case";

    private static PostgresCaseStorage Storage(TestDatabase db, string silo = "S127.0.0.1:11111@1", string service = "dispatcher") =>
        Storage(NpgsqlDataSource.Create(db.ConnectionString), silo, service);

    private static PostgresCaseStorage Storage(NpgsqlDataSource dataSource, string silo = "S127.0.0.1:11111@1", string service = "dispatcher") =>
        new(dataSource, new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()),
            Services.GetRequiredService<IActivatorProvider>(), Workflow, service, silo);

    private static CaseState Case(string id, string description = "Piling at night") => new()
    {
        Id = id, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, AssignedAt = DateTimeOffset.UtcNow, DepartmentId = "jinshui-government",
        Status = CaseStatus.Dispatched,
        Intake = new CaseIntake("hotline", "construction-noise", "jinshui", "Huayuan Rd", description, [], new CitizenContact("Zhang San", "13812345678"), CasePriority.Normal),
    };

    private static GrainId Grain(string id) => GrainId.Create("case", id);

    private static async Task<GrainState<CaseState>> Read(IGrainStorage storage, string id)
    {
        var state = new GrainState<CaseState>();
        await storage.ReadStateAsync(State, Grain(id), state);
        return state;
    }

    [Fact]
    public async Task A_new_case_reads_as_absent_then_writes_with_its_index_row_and_etags_move_on_as_in_the_adonet_provider()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);

        var absent = await Read(storage, "c-1");
        Assert.Null(absent.ETag);
        Assert.False(absent.RecordExists);
        Assert.False(absent.State!.Exists);

        var state = new GrainState<CaseState>(Case("c-1"));
        await storage.WriteStateAsync(State, Grain("c-1"), state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        Assert.Equal("1", (await db.Column("SELECT storage_version::text FROM dispatcher_case_index WHERE id = 'c-1'")).Single());

        state.State!.Status = CaseStatus.Acknowledged;
        await storage.WriteStateAsync(State, Grain("c-1"), state);
        Assert.Equal("2", state.ETag);

        var back = await Read(storage, "c-1");
        Assert.Equal("2", back.ETag);
        Assert.True(back.RecordExists);
        Assert.Equal(CaseStatus.Acknowledged, back.State!.Status);
        Assert.Equal("Piling at night", back.State!.Intake!.Description);
        Assert.Equal(["Acknowledged|2"], await db.Column("SELECT status || '|' || storage_version FROM dispatcher_case_index WHERE id = 'c-1'"));
        // No notices in this state's outbox; the writer is recorded for the reconciler.
        Assert.Equal(["false|S127.0.0.1:11111@1"], await db.Column("SELECT outbox_pending::text || '|' || written_by FROM dispatcher_case_state WHERE id = 'c-1'"));
    }

    [Fact]
    public async Task A_stale_etag_or_a_first_write_over_an_existing_row_fails_and_stores_nothing()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);
        var first = new GrainState<CaseState>(Case("c-2"));
        await storage.WriteStateAsync(State, Grain("c-2"), first);
        await storage.WriteStateAsync(State, Grain("c-2"), first); // version 2

        var stale = new GrainState<CaseState>(Case("c-2", "stale")) { ETag = "1" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Grain("c-2"), stale));
        var blind = new GrainState<CaseState>(Case("c-2", "blind"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Grain("c-2"), blind));

        var stored = await Read(storage, "c-2");
        Assert.Equal("2", stored.ETag);
        Assert.Equal("Piling at night", stored.State!.Intake!.Description);
        Assert.Equal("2", (await db.Column("SELECT storage_version::text FROM dispatcher_case_index WHERE id = 'c-2'")).Single());
    }

    [Fact]
    public async Task Of_two_activations_writing_from_the_same_etag_at_once_exactly_one_wins_and_other_cases_in_the_batch_commit()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);
        await storage.WriteStateAsync(State, Grain("c-3"), new GrainState<CaseState>(Case("c-3")));

        // Two activations of c-3 (each read ETag 1) and twenty other cases, all at once: they share batches.
        var a = await Read(storage, "c-3");
        var b = await Read(storage, "c-3");
        a.State!.Intake = a.State!.Intake! with { Description = "from a" };
        b.State!.Intake = b.State!.Intake! with { Description = "from b" };
        var others = Enumerable.Range(0, 20).Select(k => storage.WriteStateAsync(State, Grain($"o-{k}"), new GrainState<CaseState>(Case($"o-{k}")))).ToArray();
        var racing = new[] { storage.WriteStateAsync(State, Grain("c-3"), a), storage.WriteStateAsync(State, Grain("c-3"), b) };
        await Task.WhenAll(others);
        var outcomes = await Task.WhenAll(racing.Select(async t => { try { await t; return (Exception?)null; } catch (Exception ex) { return ex; } }));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
        var winner = outcomes[0] is null ? "from a" : "from b";
        var stored = await Read(storage, "c-3");
        Assert.Equal("2", stored.ETag);
        Assert.Equal(winner, stored.State!.Intake!.Description);
        Assert.Equal(21L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_case_index"));
        Assert.Equal(21L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_case_state"));
    }

    [Fact]
    public async Task A_stale_write_sharing_a_batch_with_other_cases_fails_alone_and_their_rows_commit()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);
        var current = new GrainState<CaseState>(Case("c-4"));
        await storage.WriteStateAsync(State, Grain("c-4"), current);
        await storage.WriteStateAsync(State, Grain("c-4"), current); // version 2

        // The first write of the burst goes alone; the other 30 queue behind it and share a batch with the stale one.
        var stale = new GrainState<CaseState>(Case("c-4", "stale")) { ETag = "1" };
        var burst = Enumerable.Range(0, 30).Select(k => storage.WriteStateAsync(State, Grain($"n-{k}"), new GrainState<CaseState>(Case($"n-{k}")))).ToList();
        var staleWrite = storage.WriteStateAsync(State, Grain("c-4"), stale);
        burst.AddRange(Enumerable.Range(30, 10).Select(k => storage.WriteStateAsync(State, Grain($"n-{k}"), new GrainState<CaseState>(Case($"n-{k}")))));

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Task.WhenAll(burst);
        Assert.Equal(41L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_case_state"));
        Assert.Equal(41L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_case_index WHERE storage_version = 1 OR id = 'c-4'"));
        Assert.Equal(["2"], await db.Column("SELECT storage_version::text FROM dispatcher_case_index WHERE id = 'c-4'"));
        Assert.Equal("Piling at night", (await Read(storage, "c-4")).State!.Intake!.Description);
    }

    [Fact]
    public async Task Two_services_on_one_database_keep_cases_of_the_same_id_apart_in_state_index_search_and_wakes()
    {
        await using var db = await TestDatabase.Create();
        var (a, b) = (Storage(db, service: "city-a"), Storage(db, service: "city-b"));
        var inA = new GrainState<CaseState>(Case("c-5", "in service a"));
        await a.WriteStateAsync(State, Grain("c-5"), inA);
        await a.WriteStateAsync(State, Grain("c-5"), inA); // version 2 in a

        // The same id in b is a first write of b's own, not a stale write over a's row.
        var inB = await Read(b, "c-5");
        Assert.Null(inB.ETag);
        inB.State = Case("c-5", "in service b");
        await b.WriteStateAsync(State, Grain("c-5"), inB);
        Assert.Equal("1", inB.ETag);
        Assert.Equal(("2", "in service a"), ((await Read(a, "c-5")).ETag, (await Read(a, "c-5")).State!.Intake!.Description));
        Assert.Equal(("1", "in service b"), ((await Read(b, "c-5")).ETag, (await Read(b, "c-5")).State!.Intake!.Description));
        Assert.Equal(["city-a|2", "city-b|1"], await db.Column("SELECT service_id || '|' || storage_version FROM dispatcher_case_index WHERE id = 'c-5' ORDER BY service_id"));

        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var (indexA, indexC) = (new PostgresCaseIndex(source, "city-a"), new PostgresCaseIndex(source, "city-c"));
        await indexA.Upsert(new CaseIndexRow("c-6", "road-damage", "huiji", "city-roads", CaseStatus.Dispatched, CasePriority.Normal, "web",
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, 0, 0, 1, StorageVersion: 1, WakeAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(["c-5", "c-6"], (await indexA.Search(new CaseQuery(PageSize: 10))).Items.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await indexC.Search(new CaseQuery(PageSize: 10))).Total);
        var everySlot = new Domain.Deadlines.DeadlineBucket(0, 1);
        Assert.Equal(["c-6"], await indexA.DueForWake(everySlot, DateTimeOffset.UtcNow, 10));
        Assert.Empty(await indexC.DueForWake(everySlot, DateTimeOffset.UtcNow, 10));
    }

    [Fact]
    public async Task Batch_reads_and_updates_reach_their_rows_by_id_when_the_statistics_call_the_service_rare()
    {
        // The statistics know only another service; this service's rows arrive after them (a second
        // service on the database, or a new one before autovacuum's next ANALYZE). Migration 023
        // (ADR-041): no index offers "service_id = $x" alone, so no plan walks the service's rows.
        await using var db = await TestDatabase.Create();
        await db.Execute("ALTER TABLE dispatcher_case_state SET (autovacuum_enabled = false)");
        await db.Execute("""
            INSERT INTO dispatcher_case_state (service_id, id, version, payload, outbox_pending, written_by)
            SELECT 'other-city', 'x-' || g, 1, NULL, g % 2 = 0, 'S1' FROM generate_series(1, 20000) g
            """);
        await db.Execute("ANALYZE dispatcher_case_state");
        await db.Execute("""
            INSERT INTO dispatcher_case_state (service_id, id, version, payload, outbox_pending, written_by)
            SELECT 'dispatcher', 'f-' || g, 1, NULL, g % 2 = 0, 'S1' FROM generate_series(1, 20000) g
            """);
        await db.Execute("SELECT pg_stat_reset_single_table_counters('dispatcher_case_state'::regclass)");

        var ids = Enumerable.Range(0, 12).Select(k => $"r-{k}").ToList();
        await using (var dataSource = NpgsqlDataSource.Create(db.ConnectionString))
        {
            var storage = Storage(dataSource);
            var states = ids.Select(id => new GrainState<CaseState>(Case(id))).ToList();
            await Task.WhenAll(ids.Select((id, k) => storage.WriteStateAsync(State, Grain(id), states[k])));
            var read = await Task.WhenAll(ids.Select(id => Read(storage, id)));
            Assert.All(read, r => Assert.Equal("1", r.ETag));
            foreach (var r in read) r.State!.Status = CaseStatus.Acknowledged;
            await Task.WhenAll(ids.Select((id, k) => storage.WriteStateAsync(State, Grain(id), read[k])));
            Assert.All(read, r => Assert.Equal("2", r.ETag));
        }

        // The storage's connections have closed, so their backends' table counters are flushed.
        long updated = 0, touched = 0;
        for (var attempt = 0; attempt < 50 && updated < ids.Count; attempt++)
        {
            var counters = await db.Column("SELECT n_tup_upd || ' ' || (coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0)) FROM pg_stat_user_tables WHERE relname = 'dispatcher_case_state'");
            var parts = counters.Single().Split(' ');
            (updated, touched) = (long.Parse(parts[0]), long.Parse(parts[1]));
            if (updated < ids.Count) await Task.Delay(200);
        }
        Assert.True(updated >= ids.Count, $"the table counters showed {updated} updates, not {ids.Count}");
        Assert.Equal(["2"], (await db.Column("SELECT DISTINCT version::text FROM dispatcher_case_state WHERE id LIKE 'r-%'")));
        Assert.InRange(touched, 0, 200);
    }

    [Fact]
    public async Task Migration_018_moves_a_case_row_the_adonet_provider_wrote_keeping_its_state_and_etag()
    {
        await using var db = await TestDatabase.Create(migrate: false);
        var serializer = Services.GetRequiredService<Serializer>();
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            // The schema as the previous build left it: every script before 018.
            foreach (var script in SchemaMigrator.Scripts().Where(s => string.CompareOrdinal(Path.GetFileName(s), "018") < 0))
            {
                await using var apply = new NpgsqlCommand(await File.ReadAllTextAsync(script), connection);
                await apply.ExecuteNonQueryAsync();
            }
            // Two writes through the provider's own query (WriteToStorageKey): version 2, binary payload (ADR-019).
            string writeSql;
            await using (var query = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'", connection))
                writeSql = (string)(await query.ExecuteScalarAsync())!;
            foreach (var version in new int?[] { null, 1 })
            {
                await using var write = new NpgsqlCommand(writeSql, connection);
                write.Parameters.AddWithValue("GrainIdHash", 42);
                write.Parameters.AddWithValue("GrainIdN0", 0L);
                write.Parameters.AddWithValue("GrainIdN1", 0L);
                write.Parameters.AddWithValue("GrainTypeHash", 7);
                write.Parameters.AddWithValue("GrainTypeString", "case");
                write.Parameters.AddWithValue("GrainIdExtensionString", "old-1");
                write.Parameters.AddWithValue("ServiceId", "dispatcher");
                write.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
                write.Parameters.AddWithValue("PayloadBinary", serializer.SerializeToArray(Case("old-1", "written by the old provider")));
                Assert.Equal((version ?? 0) + 1, (int)(await write.ExecuteScalarAsync())!);
            }
        }

        // 020 gives rows from before the service scope to the service the migration names.
        await SchemaMigrator.Migrate(db.ConnectionString, TextWriter.Null, serviceId: "city-a");
        await SchemaMigrator.Migrate(db.ConnectionString, TextWriter.Null); // idempotent

        var storage = Storage(db, service: "city-a");
        Assert.Null((await Read(Storage(db), "old-1")).ETag); // not the default service's
        var moved = await Read(storage, "old-1");
        Assert.Equal("2", moved.ETag);
        Assert.Equal("written by the old provider", moved.State!.Intake!.Description);
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'case'"));
        // Its index row was never written, so the reconciler is to deliver it: pending, by no live silo.
        Assert.Equal(["true"], await db.Column("SELECT (outbox_pending AND written_by IS NULL)::text FROM dispatcher_case_state WHERE id = 'old-1'"));
        moved.State!.Status = CaseStatus.Acknowledged;
        await storage.WriteStateAsync(State, Grain("old-1"), moved);
        Assert.Equal("3", moved.ETag);
    }
}
