using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Cases_departments_rules_and_counters_survive_a_full_cluster_restart()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "restart-" + Guid.NewGuid().ToString("N")[..6];
        var month = Month(DateTimeOffset.UtcNow);
        string id;
        JsonObject statsBefore, caseBefore;
        long rulesVersion;

        await using (var a = await SiloProcess.Start(db.ConnectionString, cluster))
        await using (var b = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            // Admin adds a rule on silo A; the intake on silo B follows it.
            var admin = a.Client(Admin);
            var table = (await admin.GetFromJsonAsync<JsonObject>("/api/routing/rules"))!;
            var rules = table["rules"]!.AsArray().Select(r => r!.DeepClone()).ToList();
            rules.Add(JsonNode.Parse("""{"id":"lighting-huiji","category":"street-lighting","district":"huiji","priority":0,"departmentId":"huiji-government"}""")!);
            var put = await admin.PutAsJsonAsync("/api/routing/rules", new { expectedVersion = table["version"]!.GetValue<long>(), rules });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            rulesVersion = (await put.Json())["version"]!.GetValue<long>();

            id = await b.Client(Channel).Submit(Intake("street-lighting", "huiji"), "restart-walkthrough");
            var dept = a.Client(Dept("huiji-government"));
            Assert.Equal(HttpStatusCode.OK, (await dept.Post($"/api/cases/{id}/acknowledge", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await b.Client(Dept("huiji-government")).Post($"/api/cases/{id}/reply", new { text = "Lamp replaced" })).StatusCode);

            caseBefore = await a.Client(Agent).Case(id);
            statsBefore = await b.Client(Agent).Stats("huiji-government", month);
        }

        await using (var c = await SiloProcess.Start(db.ConnectionString, cluster))
        await using (var d = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            var agent = d.Client(Agent);
            var caseAfter = await agent.Case(id);
            Assert.Equal(caseBefore["history"]!.ToJsonString(), caseAfter["history"]!.ToJsonString());
            Assert.Equal("replied", caseAfter["status"]!.GetValue<string>());
            Assert.Equal("lighting-huiji", caseAfter["ruleId"]!.GetValue<string>());

            var statsAfter = await c.Client(Agent).Stats("huiji-government", month);
            Assert.Equal(statsBefore.ToJsonString(), statsAfter.ToJsonString());
            Assert.Equal(1, statsAfter["received"]!.GetValue<int>());
            Assert.Equal(1, statsAfter["replied"]!.GetValue<int>());

            var table = (await c.Client(Admin).GetFromJsonAsync<JsonObject>("/api/routing/rules"))!;
            Assert.Equal(rulesVersion, table["version"]!.GetValue<long>());

            var inbox = (await d.Client(Dept("huiji-government")).GetFromJsonAsync<JsonArray>("/api/departments/huiji-government/inbox"))!;
            Assert.Equal(id, inbox.Single()!["caseId"]!.GetValue<string>());

            var search = (await agent.GetFromJsonAsync<JsonObject>("/api/cases?district=huiji&category=street-lighting"))!;
            Assert.Equal(1, search["total"]!.GetValue<long>());
            Assert.Equal("Replied", (await db.Column($"SELECT status FROM dispatcher_case_index WHERE id = '{id}'")).Single());

            // The same idempotency key after the restart still finds the same case.
            Assert.Equal(id, await c.Client(Channel).Submit(Intake("street-lighting", "huiji"), "restart-walkthrough"));
        }
    }
}
