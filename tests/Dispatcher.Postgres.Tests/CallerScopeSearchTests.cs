using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>The PostgreSQL case index limits a search to a caller's departments (department_id = ANY($n)).</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallerScopeSearchTests
{
    [Fact]
    public async Task An_attached_supervisors_search_returns_only_its_departments_rows_from_the_database()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "scope-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        var own = await channel.Submit(Intake("construction-noise", "jinshui"));
        var other = await channel.Submit(Intake("water-outage", "erqi"));

        var page = (await silo.Client("demo-supervisor-jinshui-key").GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200"))!;
        var ids = page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([own], ids);
        Assert.Equal(1L, page["total"]!.GetValue<long>());
        Assert.DoesNotContain(other, ids);
    }
}
