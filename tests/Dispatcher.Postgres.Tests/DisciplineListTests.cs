using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The discipline inspection list is the index's escalated cases, oldest first (ADR-040), through
/// the partial index of deploy/sql/022: paged, and scoped to the lead departments an attached
/// supervisor oversees.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DisciplineListTests
{
    [Fact]
    public async Task Escalated_cases_are_listed_oldest_first_a_page_at_a_time_within_the_callers_departments()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "disc-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        var jinshui = new List<string>();
        for (var i = 0; i < 3; i++) jinshui.Add(await channel.Submit(Intake("construction-noise", "jinshui")));
        var water = await channel.Submit(Intake("water-outage", "erqi"));
        var notReferred = await channel.Submit(Intake("construction-noise", "jinshui"));
        Assert.Contains("jinshui-environment", await db.Column($"SELECT department_id FROM dispatcher_case_index WHERE id = '{jinshui[0]}'"));

        // Escalation is what the deadline engine writes two working days after a breach; here the rows say so directly.
        var referred = jinshui.Append(water).ToList();
        for (var i = 0; i < referred.Count; i++)
            await db.Execute($"UPDATE dispatcher_case_index SET escalated = true, created_at = now() - interval '{10 - i} minutes' WHERE id = '{referred[i]}'");

        var all = await silo.Client("demo-supervisor-key").GetFromJsonAsync<JsonObject>("/api/discipline?pageSize=3");
        Assert.Equal(4, all!["total"]!.GetValue<long>());
        Assert.Equal(referred.Take(3), Ids(all));
        var second = await silo.Client("demo-supervisor-key").GetFromJsonAsync<JsonObject>("/api/discipline?pageSize=3&page=2");
        Assert.Equal([water], Ids(second!));
        Assert.DoesNotContain(notReferred, Ids(all).Concat(Ids(second!)));

        var attached = await silo.Client("demo-supervisor-jinshui-key").GetFromJsonAsync<JsonObject>("/api/discipline");
        Assert.Equal(jinshui, Ids(attached!));
        Assert.Equal(3, attached!["total"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client(Dept("jinshui-environment")).GetAsync("/api/discipline")).StatusCode);
        var refused = await silo.Client("demo-supervisor-key").GetAsync("/api/discipline?pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("pageSize", await refused.Content.ReadAsStringAsync());
    }

    private static List<string> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
}
