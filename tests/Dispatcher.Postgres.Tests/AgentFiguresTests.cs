using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>A call-taker's figures in PostgreSQL mode live in the group-committed grain storage (ADR-038) and survive a full restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AgentFiguresTests
{
    [Fact]
    public async Task Cases_an_agent_takes_on_two_silos_are_counted_once_each_stored_in_the_grain_state_table_and_survive_a_restart()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "agents-" + Guid.NewGuid().ToString("N")[..6];
        JsonObject before;

        await using (var a = await SiloProcess.Start(db.ConnectionString, cluster))
        await using (var b = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            Assert.Equal(HttpStatusCode.OK, (await a.Client(Agent).Post("/api/agents/me/sign-in", null)).StatusCode);
            var first = await a.Client(Agent).Submit(Intake("street-lighting", "huiji"), "agent-figures-1");
            // A retry of the same call on the other silo is the same case, counted once.
            Assert.Equal(first, await b.Client(Agent).Submit(Intake("street-lighting", "huiji"), "agent-figures-1"));
            await b.Client(Agent).Submit(Intake("road-damage", "jinshui"), "agent-figures-2");

            before = (await b.Client(Agent).GetFromJsonAsync<JsonObject>("/api/agents/agent-li"))!;
            Assert.Equal((2, 2, "available"), (before["casesTakenToday"]!.GetValue<int>(), before["casesTakenTotal"]!.GetValue<int>(), before["status"]!.GetValue<string>().ToLowerInvariant()));
        }

        // Sign-in and two cases: three writes of one row, none through the ADO.NET provider.
        Assert.Equal(["agent/agent-li|agent|3"], await db.Column("SELECT grain_id || '|' || state_name || '|' || version FROM dispatcher_grain_state"));
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'agent'"));

        await using var c = await SiloProcess.Start(db.ConnectionString, cluster);
        var after = (await c.Client(Agent).GetFromJsonAsync<JsonObject>("/api/agents/agent-li"))!;
        Assert.Equal(before["casesTakenTotal"]!.ToJsonString(), after["casesTakenTotal"]!.ToJsonString());
        Assert.Equal(before["signedInAt"]!.ToJsonString(), after["signedInAt"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await c.Client(Agent).Post("/api/agents/me/sign-out", null)).StatusCode);
        Assert.Equal(["4"], await db.Column("SELECT version::text FROM dispatcher_grain_state WHERE grain_id = 'agent/agent-li'"));
    }
}
