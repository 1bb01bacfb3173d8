using System.Net;
using System.Text.Json;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The Open311 list and updates on the PostgreSQL case index: the filters it added (category and
/// status sets as = ANY($n), the update time) and paging, against a real database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class Open311ListTests
{
    private static async Task<string[]> Ids(HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/open311/v2/{path}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        using var list = JsonDocument.Parse(text);
        return list.RootElement.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToArray();
    }

    [Fact]
    public async Task Service_codes_statuses_paging_and_updates_are_filtered_in_the_database()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "o311-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        var noise = await channel.Submit(Intake("construction-noise", "jinshui"));
        var road = await channel.Submit(Intake("road-damage", "erqi"));
        await channel.Submit(Intake("heating", "huiji"));
        var resolved = await channel.Submit(Intake("construction-noise", "jinshui"));
        var department = silo.Client(Dept("jinshui-environment"));
        foreach (var (verb, body) in new (string, object)[] { ("acknowledge", new { }), ("reply", new { text = "On it" }), ("resolve", new { text = "Stopped" }) })
        {
            using var step = await department.Post($"/api/cases/{resolved}/{verb}", body);
            Assert.True(step.StatusCode == HttpStatusCode.OK, $"{verb}: {(int)step.StatusCode} {await step.Content.ReadAsStringAsync()}");
        }
        var reader = silo.Client();

        Assert.Equal([resolved, road, noise], await Ids(reader, "requests.json?service_code=construction-noise,road-damage"));
        Assert.Equal([road, noise], await Ids(reader, "requests.json?service_code=construction-noise,road-damage&status=open"));
        Assert.Equal([resolved], await Ids(reader, "requests.json?status=closed"));
        Assert.Equal([road], await Ids(reader, "requests.json?service_code=construction-noise,road-damage&page_size=1&page=2"));

        using var updates = await reader.GetAsync("/open311/v2/servicerequestupdates.json");
        using var document = JsonDocument.Parse(await updates.Content.ReadAsStringAsync());
        var last = document.RootElement.EnumerateArray().Last(u => u.GetProperty("service_request_id").GetString() == resolved);
        Assert.Equal(("FIXED", "Stopped"), (last.GetProperty("status").GetString(), last.GetProperty("description").GetString()));
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        using var none = await reader.GetAsync($"/open311/v2/servicerequestupdates.json?start_date={future}&end_date={future}");
        Assert.Equal("[]", await none.Content.ReadAsStringAsync());
    }
}
