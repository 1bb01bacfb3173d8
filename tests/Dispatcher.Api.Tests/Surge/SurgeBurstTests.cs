using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Surge;

/// <summary>
/// Issue 14's "done when" for surge mode: 300 reports of a burst main in Erqi within two minutes open
/// one surge incident, the later ones join it, and closing it resolves all with every reporter in the callback.
/// </summary>
[Collection(SurgeHostCollection.Name)]
public sealed class SurgeBurstTests(SurgeHostFixture host)
{
    private const string Category = "water-main-burst";
    private const string District = "erqi";

    [Fact]
    public async Task Three_hundred_reports_of_a_burst_main_open_one_incident_the_later_ones_join_it_and_closing_resolves_all_with_every_reporter()
    {
        var channel = host.Client(Channel);
        var agent = host.Client(AgentKey);
        var started = DateTimeOffset.UtcNow;
        var answers = new List<JsonObject>();
        for (var i = 0; i < 300; i++)
        {
            var response = await channel.PostJson("/api/cases", Api.Intake(Category, District, phone: $"139{i:D8}", description: "Water gushing from the road"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            answers.Add(await response.Json());
        }
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromMinutes(2), "the burst took longer than the window");

        // The 30th report (the default minimum on a quiet pair) makes the spike: before it, cases of their own.
        Assert.All(answers.Take(29), a => Assert.Null(a["surge"]));
        Assert.All(answers.Take(29), a => Assert.Equal("dispatched", (string?)a["status"]));
        var open = (await agent.GetFromJsonAsync<JsonObject>("/api/surges?status=open"))!["items"]!.AsArray()
            .Where(s => (string?)s!["category"] == Category && (string?)s["district"] == District).ToList();
        var surge = Assert.Single(open)!.AsObject();
        var surgeId = (string)surge["id"]!;
        Assert.Equal("system", (string?)surge["openedBy"]!["kind"]);
        Assert.Equal(30, (int)surge["trigger"]!["windowCount"]!);

        // The spike's own report leads the incident and routes normally; every later one joins it.
        var lead = (string)answers[29]["id"]!;
        Assert.Equal("dispatched", (string?)answers[29]["status"]);
        Assert.Equal(surgeId, (string?)answers[29]["surge"]!["id"]);
        var joined = answers.Skip(30).ToList();
        Assert.All(joined, a =>
        {
            Assert.Equal("merged", (string?)a["status"]);
            Assert.Equal(lead, (string?)a["mergedInto"]);
            Assert.Equal(surgeId, (string?)a["surge"]!["id"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)a["surge"]!["notice"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)a["surge"]!["script"]));
        });
        var view = (await agent.GetFromJsonAsync<JsonObject>($"/api/surges/{surgeId}"))!;
        Assert.Equal([lead], view["leadCaseIds"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(270, (int)view["joinedReports"]!);
        Assert.Equal(271, (int)view["reporters"]!);

        // Close: accepted at once, worked through in the background until every report is resolved.
        var close = await agent.PostJson($"/api/surges/{surgeId}/close", new { outcome = "The main was repaired and the water is back.", requestId = "close-burst-1" });
        Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        var closed = await WaitClosed(agent, surgeId);
        Assert.Equal(271, (int)closed["casesToResolve"]!);
        Assert.Equal(271, (int)closed["casesResolved"]!);

        // The same request again answers the same; another close of a closed incident is refused.
        Assert.Equal(HttpStatusCode.Accepted, (await agent.PostJson($"/api/surges/{surgeId}/close", new { outcome = "again", requestId = "close-burst-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostJson($"/api/surges/{surgeId}/close", new { outcome = "again", requestId = "close-burst-2" })).StatusCode);

        // Every joined report and the lead are resolved (they wait for their callback); the 29 before the spike are untouched.
        var resolved = await agent.GetFromJsonAsync<JsonObject>($"/api/cases?category={Category}&district={District}&status=resolved&pageSize=1");
        Assert.Equal(271, (long)resolved!["total"]!);
        var leadCase = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{lead}"))!;
        Assert.Equal("resolved", (string?)leadCase["status"]);
        var resolution = leadCase["history"]!.AsArray().Last()!;
        Assert.Equal("resolve", (string?)resolution["action"]);
        Assert.Contains(surgeId, (string?)resolution["note"]);
        var reporters = leadCase["reporters"]!.AsArray().Select(r => (string)r!["caseId"]!).ToHashSet();
        Assert.Equal(joined.Select(a => (string)a["id"]!).ToHashSet(), reporters);
        var oneJoined = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{joined[^1]["id"]}"))!;
        Assert.Equal("resolved", (string?)oneJoined["status"]);
        Assert.Contains("The main was repaired", (string?)oneJoined["history"]!.AsArray().Last()!["note"]);

        // The callback of the lead names every further reporter (并单: every reporter is called back).
        var callback = await agent.PostJson($"/api/cases/{lead}/callback", new { satisfaction = "satisfied" });
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var afterCallback = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{lead}"))!;
        var note = (string)afterCallback["history"]!.AsArray().Last()!["note"]!;
        Assert.Contains("with 270 further reporter(s)", note);
        Assert.All(joined, a => Assert.Contains((string)a["id"]!, note));

        // Once closed, a new report of the pair is a case of its own again (the spike's window is still quiet for a new incident).
        var after = await (await channel.PostJson("/api/cases", Api.Intake(Category, District))).Json();
        Assert.Null(after["surge"]);
        Assert.Equal("dispatched", (string?)after["status"]);
    }

    internal static async Task<JsonObject> WaitClosed(HttpClient client, string surgeId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var view = (await client.GetFromJsonAsync<JsonObject>($"/api/surges/{surgeId}"))!;
            if ((string?)view["status"] == "closed") return view;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"surge {surgeId} still {view["status"]}: {view["casesResolved"]} of {view["casesToResolve"]} resolved");
            await Task.Delay(200);
        }
    }
}
