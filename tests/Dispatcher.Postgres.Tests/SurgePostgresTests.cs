using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>A surge incident is stored in PostgreSQL through the normal grain storage (ADR-028): it outlives its silo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SurgePostgresTests
{
    [Fact]
    public async Task A_surge_incident_and_its_joined_reports_survive_a_silo_restart_and_close_afterwards()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "surge-" + Guid.NewGuid().ToString("N")[..6];
        string surgeId, lead;
        var joined = new List<string>();
        await using (var first = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            var opened = await first.Client(Agent).Post("/api/surges", new
            {
                category = "water-main-burst", district = "erqi", title = "Burst main", notice = "Being repaired", script = "Take details",
            });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            surgeId = (string)(await opened.Json())["id"]!;
            var channel = first.Client(Channel);
            lead = await channel.Submit(Intake("water-main-burst", "erqi"));
            for (var i = 0; i < 2; i++) joined.Add(await channel.Submit(Intake("water-main-burst", "erqi")));
            await first.Stop();
        }

        await using var second = await SiloProcess.Start(db.ConnectionString, cluster);
        var agent = second.Client(Agent);
        var view = (await agent.GetFromJsonAsync<JsonObject>($"/api/surges/{surgeId}"))!;
        Assert.Equal("open", (string?)view["status"]);
        Assert.Equal([lead], view["leadCaseIds"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(2, (int)view["joinedReports"]!);

        // The pair's counter on the new silo learns the open incident from the registry: the next report joins it.
        var next = await (await second.Client(Channel).Post("/api/cases", Intake("water-main-burst", "erqi"))).Json();
        Assert.Equal("merged", (string?)next["status"]);
        Assert.Equal(lead, (string?)next["mergedInto"]);
        joined.Add((string)next["id"]!);

        Assert.Equal(HttpStatusCode.Accepted, (await agent.Post($"/api/surges/{surgeId}/close", new { outcome = "Main repaired" })).StatusCode);
        var closed = await Eventually(async () =>
        {
            var v = (await agent.GetFromJsonAsync<JsonObject>($"/api/surges/{surgeId}"))!;
            Assert.Equal("closed", (string?)v["status"]);
            return v;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(4, (int)closed["casesResolved"]!);
        foreach (var id in joined.Prepend(lead)) Assert.Equal("resolved", (string?)(await agent.Case(id))["status"]);
    }
}
