using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Rulings become precedent (★, issue 14): an arbitration ruling recorded as a rule makes a new
/// routing-rule version with its provenance, and the next identical case routes by it directly.
/// Illegal construction in the High-tech Zone is used by no other test, so the new rule changes
/// nobody else's routing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RulingPrecedentTests(DispatcherHostFixture host)
{
    private const string Ruled = "city-construction-committee";

    [Fact]
    public async Task Two_returns_then_a_ruling_recorded_as_a_rule_send_the_next_identical_case_straight_to_the_ruled_department()
    {
        var agent = host.Client(AgentKey);
        var admin = host.Client(Admin);
        var before = await admin.GetFromJsonAsync<JsonObject>("/api/routing/rules");
        var id = await agent.Submit(Api.Intake("illegal-construction", "gaoxin"));
        await Ok(host.Client(Dept("city-urban-management")).PostJson($"/api/cases/{id}/return", new { reason = "Site is under the construction committee" }));
        await Ok(agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = Ruled, reason = "Committee then" }));
        var second = await host.Client(Dept(Ruled)).PostJson($"/api/cases/{id}/return", new { reason = "Zone sites are the urban management's" });
        Assert.Equal("arbitration", (await second.Json())["to"]!.GetValue<string>());

        var ruling = new { departmentId = Ruled, reason = "Unlicensed sites in the High-tech Zone are the committee's", recordAsRule = true };
        await Ok(agent.PostJson($"/api/cases/{id}/dispatch", ruling, idempotencyKey: $"ruling-{id}"));
        // The same ruling sent again (a retry) records nothing more.
        await Ok(agent.PostJson($"/api/cases/{id}/dispatch", ruling, idempotencyKey: $"ruling-{id}"));

        var table = await admin.GetFromJsonAsync<JsonObject>("/api/routing/rules");
        Assert.Equal(before!["version"]!.GetValue<long>() + 1, table!["version"]!.GetValue<long>());
        var rule = table["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "ruling-" + id.ToLowerInvariant())!;
        Assert.Equal("illegal-construction", rule["category"]!.GetValue<string>());
        Assert.Equal("gaoxin", rule["district"]!.GetValue<string>());
        Assert.Equal(Ruled, rule["departmentId"]!.GetValue<string>());
        var precedent = rule["precedent"]!;
        Assert.Equal(id, precedent["caseId"]!.GetValue<string>());
        Assert.Equal("arbitration ruling: Unlicensed sites in the High-tech Zone are the committee's", precedent["ruling"]!.GetValue<string>());
        Assert.Contains("agent", precedent["ruledBy"]!.GetValue<string>());
        Assert.True(precedent["ruledAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains(id, table["updatedBy"]!.GetValue<string>());

        var next = await (await agent.PostJson("/api/cases", Api.Intake("illegal-construction", "gaoxin"))).Json();
        Assert.Equal(Ruled, next["departmentId"]!.GetValue<string>());
        Assert.Equal("ruling-" + id.ToLowerInvariant(), next["ruleId"]!.GetValue<string>());
        // Elsewhere the category routes as before.
        var elsewhere = await (await agent.PostJson("/api/cases", Api.Intake("illegal-construction", "zhengdong"))).Json();
        Assert.Equal("illegal-construction-city", elsewhere["ruleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_an_arbitration_ruling_can_become_a_rule_and_nothing_is_changed_when_refused()
    {
        var agent = host.Client(AgentKey);
        var id = await agent.Submit(Api.Intake("road-damage", "huiji"));
        var version = (await host.Client(Admin).GetFromJsonAsync<JsonObject>("/api/routing/rules"))!["version"]!.GetValue<long>();
        var refused = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-transport", reason = "override", recordAsRule = true });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Json())["errors"]!.AsObject().ContainsKey("recordAsRule"));
        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("dispatched", view!["status"]!.GetValue<string>());
        Assert.NotEqual("city-transport", view["departmentId"]!.GetValue<string>());
        Assert.Equal(version, (await host.Client(Admin).GetFromJsonAsync<JsonObject>("/api/routing/rules"))!["version"]!.GetValue<long>());
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
