using System.Net;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task While_the_database_restarts_calls_fail_with_503_nothing_is_half_stored_and_service_resumes()
    {
        await using var server = await OwnPostgres.Start();
        await using var db = await TestDatabase.Create(server.AdminConnectionString);
        await using var silo = await SiloProcess.Start(db.ConnectionString, "outage-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        var before = await channel.Submit(Intake("road-damage", "erqi"));

        await server.Stop();
        var during = await channel.Post("/api/cases", Intake("road-damage", "erqi"), "during-outage");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await during.Json())["status"]!.GetValue<int>());
        var ack = await silo.Client(Dept("city-urban-management")).Post($"/api/cases/{before}/acknowledge", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ack.StatusCode);

        await server.Restart();
        // No silo restart: the same process serves again once the database is back.
        var after = await Eventually(() => channel.Submit(Intake("road-damage", "erqi")), TimeSpan.FromSeconds(60));
        // The intake refused during the outage stored nothing: its retry creates the case (201), not finds it.
        var retriedResponse = await Eventually(async () =>
        {
            var r = await channel.Post("/api/cases", Intake("road-damage", "erqi"), "during-outage");
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return r;
        }, TimeSpan.FromSeconds(30));
        var retried = (await retriedResponse.Json())["id"]!.GetValue<string>();
        await Eventually(async () =>
        {
            var r = await silo.Client(Dept("city-urban-management")).Post($"/api/cases/{before}/acknowledge", null);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return r;
        }, TimeSpan.FromSeconds(30));

        // No index row without grain state, and no case state without an index row: an index write
        // that met a connection cut by the restart is retried by the case's outbox timer.
        var agent = silo.Client(Agent);
        foreach (var id in new[] { before, after, retried }) Assert.Equal(id, (await agent.Case(id))["id"]!.GetValue<string>());
        await Eventually(async () =>
        {
            var indexed = (await db.Column("SELECT id FROM dispatcher_case_index")).Order().ToArray();
            var stored = (await db.Column("SELECT id FROM dispatcher_case_state WHERE payload IS NOT NULL")).Order().ToArray();
            Assert.Equal(stored, indexed);
            Assert.Equal(new[] { before, after, retried }.Order(), indexed);
            return true;
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task While_the_database_is_down_a_call_that_crosses_silos_also_answers_503_never_500()
    {
        await using var server = await OwnPostgres.Start();
        await using var db = await TestDatabase.Create(server.AdminConnectionString);
        var cluster = "outage2-" + Guid.NewGuid().ToString("N")[..6];
        await using var first = await SiloProcess.Start(db.ConnectionString, cluster);
        await using var second = await SiloProcess.Start(db.ConnectionString, cluster);
        var silos = new[] { first, second };
        // Cases whose grains are spread over both silos, so that during the outage about half of the
        // calls through either silo reach a grain on the other one.
        var cases = new List<string>();
        for (var i = 0; i < 12; i++) cases.Add(await silos[i % 2].Client(Channel).Submit(Intake("road-damage", "erqi")));

        await server.Stop();
        var statuses = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            foreach (var silo in silos)
            {
                var ack = await silo.Client(Dept("city-urban-management")).Post($"/api/cases/{cases[i]}/acknowledge", null);
                statuses.Add($"ack {cases[i]} via {silo.HttpPort}: {(int)ack.StatusCode} {ack.Content.Headers.ContentType?.MediaType}");
                var intake = await silo.Client(Channel).Post("/api/cases", Intake("road-damage", "erqi"), $"outage-{i}-{silo.HttpPort}");
                statuses.Add($"intake via {silo.HttpPort}: {(int)intake.StatusCode} {intake.Content.Headers.ContentType?.MediaType}");
            }
        }
        var wrong = statuses.Where(s => !s.EndsWith(": 503 application/problem+json", StringComparison.Ordinal)).ToArray();
        Assert.True(wrong.Length == 0, $"{wrong.Length} of {statuses.Count} calls did not answer 503 problem details:\n{string.Join("\n", wrong)}");
    }
}
