using Dispatcher.Grains.Agents;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The group-committed grain storage of agent grains (ADR-038) against real PostgreSQL: the ADO.NET
/// provider's ETag semantics, conflicts that fail only their own write inside a shared batch, two
/// services apart, clearing, and migration 022 moving an agent row the old provider wrote.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStateStorageTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AgentState).Assembly))
        .BuildServiceProvider();
    private const string State = "agent";

    private static PostgresGrainStateStorage Storage(TestDatabase db, string service = "dispatcher") =>
        new(NpgsqlDataSource.Create(db.ConnectionString), new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()),
            Services.GetRequiredService<IActivatorProvider>(), service);

    private static AgentState Agent(int casesTotal, string day = "2026-12-03") => new() { Day = day, CasesTotal = casesTotal, RecentCases = [$"c-{casesTotal}"] };

    private static GrainId Grain(string id) => GrainId.Create("agent", id);

    private static async Task<GrainState<AgentState>> Read(IGrainStorage storage, string id)
    {
        var state = new GrainState<AgentState>();
        await storage.ReadStateAsync(State, Grain(id), state);
        return state;
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task A_new_agent_reads_as_absent_then_writes_and_etags_move_on_as_in_the_adonet_provider()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);

        var absent = await Read(storage, "li");
        Assert.Null(absent.ETag);
        Assert.False(absent.RecordExists);
        Assert.Equal(0, absent.State!.CasesTotal);

        var state = new GrainState<AgentState>(Agent(1));
        await storage.WriteStateAsync(State, Grain("li"), state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        state.State!.CasesTotal = 2;
        await storage.WriteStateAsync(State, Grain("li"), state);
        Assert.Equal("2", state.ETag);

        var back = await Read(storage, "li");
        Assert.Equal(("2", true, 2), (back.ETag, back.RecordExists, back.State!.CasesTotal));
        // The row is the grain's full id under its state name, in its service.
        Assert.Equal(["dispatcher|agent/li|agent|2"], await db.Column("SELECT service_id || '|' || grain_id || '|' || state_name || '|' || version FROM dispatcher_grain_state"));
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM orleansstorage"));
    }

    [Fact]
    public async Task A_stale_etag_a_first_write_over_an_existing_row_or_a_foreign_etag_fails_and_stores_nothing()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);
        var current = new GrainState<AgentState>(Agent(1));
        await storage.WriteStateAsync(State, Grain("wang"), current);
        await storage.WriteStateAsync(State, Grain("wang"), current); // version 2

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Grain("wang"), new GrainState<AgentState>(Agent(9)) { ETag = "1" }));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Grain("wang"), new GrainState<AgentState>(Agent(9))));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Grain("wang"), new GrainState<AgentState>(Agent(9)) { ETag = "W/\"x\"" }));

        var stored = await Read(storage, "wang");
        Assert.Equal(("2", 1), (stored.ETag, stored.State!.CasesTotal));
    }

    [Fact]
    public async Task Of_two_activations_writing_from_the_same_etag_in_one_batch_exactly_one_wins_and_the_other_agents_commit()
    {
        await using var db = await TestDatabase.Create();
        var storage = Storage(db);
        await storage.WriteStateAsync(State, Grain("zhao"), new GrainState<AgentState>(Agent(1)));
        var (a, b) = (await Read(storage, "zhao"), await Read(storage, "zhao"));
        a.State!.CasesTotal = 10;
        b.State!.CasesTotal = 20;

        // The first write of the burst goes alone; the rest queue behind it and share the next batch,
        // the duplicate activation's two writes among them (successive statements of one transaction).
        var others = Enumerable.Range(0, 40).Select(k => storage.WriteStateAsync(State, Grain($"a-{k}"), new GrainState<AgentState>(Agent(k)))).ToList();
        var racing = new[] { Outcome(storage.WriteStateAsync(State, Grain("zhao"), a)), Outcome(storage.WriteStateAsync(State, Grain("zhao"), b)) };
        others.AddRange(Enumerable.Range(40, 20).Select(k => storage.WriteStateAsync(State, Grain($"a-{k}"), new GrainState<AgentState>(Agent(k)))));
        await Task.WhenAll(others);
        var outcomes = await Task.WhenAll(racing);

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
        var stored = await Read(storage, "zhao");
        Assert.Equal(("2", outcomes[0] is null ? 10 : 20), (stored.ETag, stored.State!.CasesTotal));
        Assert.Equal(61L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_grain_state"));
        Assert.Equal(60L, await db.Scalar<long>("SELECT count(*) FROM dispatcher_grain_state WHERE grain_id LIKE 'agent/a-%' AND version = 1"));
        Assert.Equal(Enumerable.Range(0, 60).ToArray(), await Task.WhenAll(Enumerable.Range(0, 60).Select(async k => (await Read(storage, $"a-{k}")).State!.CasesTotal)));
    }

    [Fact]
    public async Task Two_services_on_one_database_keep_agents_of_the_same_name_apart_and_a_cleared_state_reads_as_absent()
    {
        await using var db = await TestDatabase.Create();
        var (a, b) = (Storage(db, "city-a"), Storage(db, "city-b"));
        var inA = new GrainState<AgentState>(Agent(5));
        await a.WriteStateAsync(State, Grain("li"), inA);
        Assert.Null((await Read(b, "li")).ETag);
        await b.WriteStateAsync(State, Grain("li"), new GrainState<AgentState>(Agent(7)));
        Assert.Equal((5, 7), ((await Read(a, "li")).State!.CasesTotal, (await Read(b, "li")).State!.CasesTotal));

        await a.ClearStateAsync(State, Grain("li"), inA);
        Assert.Equal(("2", false), (inA.ETag, inA.RecordExists));
        var cleared = await Read(a, "li");
        Assert.Equal(("2", false, 0), (cleared.ETag, cleared.RecordExists, cleared.State!.CasesTotal));
        await Assert.ThrowsAsync<InconsistentStateException>(() => a.ClearStateAsync(State, Grain("li"), new GrainState<AgentState> { ETag = "1" }));
        // Written again after the clear, from the cleared row's ETag.
        cleared.State = Agent(1);
        await a.WriteStateAsync(State, Grain("li"), cleared);
        Assert.Equal("3", cleared.ETag);
        Assert.Equal(7, (await Read(b, "li")).State!.CasesTotal);
    }

    [Fact]
    public async Task Migration_022_moves_an_agent_row_the_adonet_provider_wrote_keeping_its_state_service_and_etag()
    {
        await using var db = await TestDatabase.Create(migrate: false);
        var serializer = Services.GetRequiredService<Serializer>();
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            // The schema as the previous build left it; an agent written three times (version 3) and the audit log once.
            var rows = await AdoNetProviderRows.SchemaBefore(connection, "022");
            foreach (var version in new int?[] { null, 1, 2 })
                await rows.Write("agent", "agent-li", "city-a", version, serializer.SerializeToArray(Agent(33)));
            await rows.Write("audit", "city", "city-a", null, serializer.SerializeToArray(Agent(1)));
        }

        await SchemaMigrator.Migrate(db.ConnectionString, TextWriter.Null, serviceId: "city-a");
        await SchemaMigrator.Migrate(db.ConnectionString, TextWriter.Null); // idempotent

        Assert.Null((await Read(Storage(db), "agent-li")).ETag); // not the default service's
        var storage = Storage(db, "city-a");
        var moved = await Read(storage, "agent-li");
        Assert.Equal(("3", true, 33), (moved.ETag, moved.RecordExists, moved.State!.CasesTotal));
        // Only the agent row moved; other grains stay with the ADO.NET provider.
        Assert.Equal(["audit"], await db.Column("SELECT graintypestring FROM orleansstorage"));
        moved.State!.CasesTotal = 34;
        await storage.WriteStateAsync(State, Grain("agent-li"), moved);
        Assert.Equal("4", moved.ETag);
    }
}
