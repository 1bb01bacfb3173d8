using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Api.Tests.Open311;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Surge;

/// <summary>An operator opens, edits and closes a surge incident; intakes, Open311 and the public notices carry its notice.</summary>
[Collection(SurgeHostCollection.Name)]
public sealed class SurgeOperatorTests(SurgeHostFixture host)
{
    private const string Category = "water-main-burst";

    private static object Opening(string district, string? title = "Burst main on Hanghai Rd", string? notice = "A water main burst on Hanghai Rd; repairs under way, water back by 18:00.",
        string? script = "Say repairs are under way and water is back by 18:00; take the caller's details.") =>
        new { category = Category, district, title, notice, script };

    [Fact]
    public async Task Bad_openings_are_refused_field_by_field_and_store_nothing()
    {
        var supervisor = host.Client("demo-supervisor-key");
        var before = await Count(supervisor);
        var missing = await supervisor.PostJson("/api/surges", new { category = Category, district = "zhongyuan" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Json())["errors"]!.AsObject();
        Assert.Equal(["notice", "script", "title"], errors.Select(e => e.Key).Order());

        var emergency = await (await supervisor.PostJson("/api/surges", new { category = "gas-leak", district = "zhongyuan", title = "t", notice = "n", script = "s" })).Json();
        Assert.Contains("emergency", (string?)emergency["errors"]!["category"]![0]);
        var unknown = await supervisor.PostJson("/api/surges", new { category = "no-such", district = "atlantis", title = "t", notice = "n", script = "s" });
        Assert.Equal(["category", "district"], (await unknown.Json())["errors"]!.AsObject().Select(e => e.Key).Order());
        var tooLong = await supervisor.PostJson("/api/surges", Opening("zhongyuan", title: new string('x', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostRaw("/api/surges", "{\"category\": 7}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/surges?status=sometimes")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/surges/view?minutes=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/surges/SRG-999999")).StatusCode);
        Assert.Equal(before, await Count(supervisor));
    }

    [Fact]
    public async Task An_opened_incident_is_joined_at_intake_its_notice_reaches_open311_and_the_public_and_closing_resolves_its_reports()
    {
        const string district = "guancheng";
        var agent = host.Client(AgentKey);
        var created = await agent.PostJson("/api/surges", Opening(district));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var surgeId = (string)(await created.Json())["id"]!;
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostJson("/api/surges", Opening(district))).StatusCode);

        // Edits while open: the new notice is what the next caller hears.
        const string notice = "A water main burst on Hanghai Rd; repairs under way, water back by 20:00.";
        var edit = await agent.PutAsJsonAsync($"/api/surges/{surgeId}", new { notice });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PutAsJsonAsync($"/api/surges/{surgeId}", new { title = "  " })).StatusCode);

        // The routing preview says what the intake will do: with no lead yet the report leads and routes.
        async Task<JsonObject> Preview() => await (await agent.PostJson("/api/routing/preview", new { category = Category, district })).Json();
        Assert.Equal("route", (string?)(await Preview())["path"]);

        // The first report leads and routes; the next joins it; both answers carry the notice and the script.
        var channel = host.Client(Channel);
        var first = await (await channel.PostJson("/api/cases", Api.Intake(Category, district, phone: "13900001111"))).Json();
        var preview = await Preview();
        Assert.Equal(("surge", surgeId, (string?)first["id"]), ((string?)preview["path"], (string?)preview["surgeId"], (string?)preview["joinsCaseId"]));
        Assert.Equal("dispatched", (string?)first["status"]);
        Assert.Equal(notice, (string?)first["surge"]!["notice"]);
        var second = await (await channel.PostJson("/api/cases", Api.Intake(Category, district, phone: "13900002222"))).Json();
        Assert.Equal("merged", (string?)second["status"]);
        Assert.Equal((string?)first["id"], (string?)second["mergedInto"]);
        Assert.StartsWith("Say repairs", (string?)second["surge"]!["script"]);

        // Open311: service_notice is the public notice.
        var open311 = new Open311Client(host, "127.0.0.31");
        var form = new Dictionary<string, string>
        {
            ["api_key"] = Channel, ["service_code"] = Category, ["attribute[district]"] = district,
            ["description"] = "Street flooded", ["address_string"] = "No. 9 Hanghai Rd", ["phone"] = "13900003333",
        };
        var answer = await Open311Client.ReadJson(await open311.Post("json", form), HttpStatusCode.Created, "create");
        Assert.Equal(notice, answer[0].GetProperty("service_notice").GetString());

        // The public notices: the incident's public fields, nothing personal and no case numbers.
        using var anonymous = host.ClientFrom(IPAddress.Parse("127.0.0.32"));
        var publicResponse = await anonymous.GetAsync("/api/public/notices");
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        var publicText = await publicResponse.Content.ReadAsStringAsync();
        var item = JsonNode.Parse(publicText)!["items"]!.AsArray().Single(i => (string?)i!["district"] == district)!.AsObject();
        Assert.Equal(notice, (string?)item["notice"]);
        Assert.Equal(["category", "categoryName", "district", "districtName", "notice", "openedAt", "title"], item.Select(p => p.Key).Order());
        foreach (var secret in new[] { "1390000", "Zhang San", (string)first["id"]!, (string)second["id"]!, "Say repairs", "agent" })
            Assert.DoesNotContain(secret, publicText);

        // The surge view shows it with its intake and the queues.
        var board = (await host.Client("demo-supervisor-key").GetFromJsonAsync<JsonObject>("/api/surges/view?minutes=5"))!;
        Assert.Contains(board["open"]!.AsArray(), s => (string?)s!["id"] == surgeId);
        var pair = board["intake"]!.AsArray().Single(p => (string?)p!["category"] == Category && (string?)p["district"] == district)!;
        Assert.Equal(3, (int)pair["total"]!);
        Assert.Equal(5, pair["perMinute"]!.AsArray().Count);
        Assert.NotNull(board["triage"]!["waiting"]);
        Assert.True((long)board["unacknowledged"]!["waiting"]! >= 1);
        // A supervisor attached to one department sees its own queues only: no triage (no department yet), and an
        // oldest waiting case it may read. The city-wide burst case of city-water is not in it.
        using var attached = host.Client("demo-supervisor-jinshui-key");
        var scoped = (await attached.GetFromJsonAsync<JsonObject>("/api/surges/view?minutes=5"))!;
        Assert.Equal(0, (long)scoped["triage"]!["waiting"]!);
        Assert.True((long)scoped["unacknowledged"]!["waiting"]! < (long)board["unacknowledged"]!["waiting"]!);
        if ((string?)scoped["unacknowledged"]!["oldestCaseId"] is { } oldestInScope)
            Assert.Equal(HttpStatusCode.OK, (await attached.GetAsync($"/api/cases/{oldestInScope}")).StatusCode);

        // Closing needs an outcome; with one, it resolves the lead and every joined report.
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostJson($"/api/surges/{surgeId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await agent.PostJson($"/api/surges/{surgeId}/close", new { outcome = "Main repaired." })).StatusCode);
        var closed = await SurgeBurstTests.WaitClosed(agent, surgeId);
        Assert.Equal(3, (int)closed["casesResolved"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PutAsJsonAsync($"/api/surges/{surgeId}", new { notice = "late" })).StatusCode);
        foreach (var id in new[] { (string)first["id"]!, (string)second["id"]! })
            Assert.Equal("resolved", (string?)(await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!["status"]);
        var notices = JsonNode.Parse(await (await anonymous.GetAsync("/api/public/notices")).Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.DoesNotContain(notices, i => (string?)i!["district"] == district);

        // The admin audit log holds the incident's opening, edit, closing and close, by the agent who did them (ADR-037).
        var audit = (await host.Client(Admin).GetFromJsonAsync<JsonObject>("/api/audit?kind=surges&pageSize=200"))!["items"]!.AsArray()
            .Where(e => ((string)e!["summary"]!).Contains(surgeId + " ", StringComparison.Ordinal)).Reverse().ToArray();
        Assert.Equal(["opened", "edited", "closing", "closed"], audit.Select(e => ((string)e!["summary"]!).Split(' ')[2].TrimEnd(':')));
        Assert.All(audit, e => Assert.Equal("surges", (string?)e!["kind"]));
        Assert.All(audit, e => Assert.StartsWith("Agent:", (string?)e!["by"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/audit?kind=surges")).StatusCode);
    }

    private static async Task<int> Count(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/surges"))!["items"]!.AsArray().Count;
}
