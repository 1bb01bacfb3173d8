using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class FirstContactAndMergeTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task A_consultation_answered_from_the_knowledge_base_closes_at_first_contact_and_is_never_dispatched()
    {
        var agent = host.Client(AgentKey);
        var suggestions = (await agent.GetFromJsonAsync<JsonArray>("/api/knowledge/suggest?category=heating&text=when%20does%20the%20heating%20season%20start"))!;
        var entry = suggestions[0]!["id"]!.GetValue<string>();
        Assert.Equal("kb-heating-season", entry);

        var intake = new
        {
            channel = "phone", category = "heating", district = "erqi", description = "When does the heating season start?",
            citizen = new { name = "Wang Wu", phone = "13600001234" }, firstContact = new { entryId = entry, note = "read out the dates" },
        };
        var response = await agent.PostJson("/api/cases", intake);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Json();
        Assert.Equal("closedAtFirstContact", receipt["status"]!.GetValue<string>());
        Assert.Null(receipt["departmentId"]);

        var view = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{receipt["id"]}"))!;
        Assert.Equal(["submit", "answerAtFirstContact"], view["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(entry, view["firstContactEntry"]!.GetValue<string>());
        var closed = (await agent.GetFromJsonAsync<JsonObject>("/api/cases?status=closedAtFirstContact&pageSize=200"))!;
        Assert.Contains(closed["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == receipt["id"]!.GetValue<string>());

        var bulletin = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/reports/monthly?month={Api.Month(DateTimeOffset.UtcNow)}"))!;
        Assert.True(bulletin["firstContactClosed"]!.GetValue<long>() >= 1);

        var unknown = await agent.PostJson("/api/cases", new { channel = "phone", category = "heating", district = "erqi", description = "x", firstContact = new { entryId = "kb-nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Json())["errors"]!.AsObject().ContainsKey("firstContact.entryId"));
        var byChannel = await host.Client(Channel).PostJson("/api/cases", intake);
        Assert.Equal(HttpStatusCode.Forbidden, byChannel.StatusCode);
    }

    [Fact]
    public async Task A_second_report_of_the_same_noise_site_joins_the_first_case()
    {
        var channel = host.Client(Channel);
        var agent = host.Client(AgentKey);
        var address = $"Site {Guid.NewGuid():N}, Nongye Road";
        object Report(string phone) => new
        {
            channel = "web", category = "construction-noise", district = "zhongyuan", address, description = "Piling at 2 am",
            citizen = new { name = "Neighbour", phone }, priority = "normal",
        };

        var first = await (await channel.PostJson("/api/cases", Report("13800000001"))).Json();
        var secondResponse = await channel.PostJson("/api/cases", Report("13800000002"));
        Assert.Equal(HttpStatusCode.Created, secondResponse.StatusCode);
        var second = await secondResponse.Json();

        Assert.Equal("merged", second["status"]!.GetValue<string>());
        Assert.Equal(first["id"]!.GetValue<string>(), second["mergedInto"]!.GetValue<string>());
        var primary = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{first["id"]}"))!;
        Assert.Equal(2, primary["reporterCount"]!.GetValue<int>());
        Assert.Equal("13800000002", primary["reporters"]![0]!["citizen"]!["phone"]!.GetValue<string>());
        Assert.Equal("dispatched", primary["status"]!.GetValue<string>());

        // The second reporter follows the incident with their own number and phone.
        var lookup = (await host.Client().GetFromJsonAsync<JsonObject>($"/api/public/cases/{second["id"]}?phoneLast4=0002"))!;
        Assert.Equal(first["id"]!.GetValue<string>(), lookup["id"]!.GetValue<string>());
        Assert.Equal(2, lookup["reporters"]!.GetValue<int>());

        // The callback covers every reporter.
        var dept = host.Client(Dept(primary["departmentId"]!.GetValue<string>()));
        await dept.PostJson($"/api/cases/{first["id"]}/acknowledge", null);
        await dept.PostJson($"/api/cases/{first["id"]}/reply", new { text = "Night work stopped" });
        await dept.PostJson($"/api/cases/{first["id"]}/resolve", new { text = "Permit withdrawn" });
        await agent.PostJson($"/api/cases/{first["id"]}/callback", new { satisfaction = "satisfied" });
        var closed = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{first["id"]}"))!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Contains(second["id"]!.GetValue<string>(), closed["history"]!.AsArray().Last()!["note"]!.GetValue<string>());

        // A different place is a different incident.
        var elsewhere = await (await channel.PostJson("/api/cases", new
        {
            channel = "web", category = "construction-noise", district = "zhongyuan", address = "Somewhere else entirely " + Guid.NewGuid(),
            description = "Piling", citizen = new { phone = "13800000003" },
        })).Json();
        Assert.Equal("dispatched", elsewhere["status"]!.GetValue<string>());
    }
}
