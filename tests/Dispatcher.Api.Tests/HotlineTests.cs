using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class HotlineTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task A_zhongmou_case_goes_to_the_county_line_and_comes_back_closed_with_its_outcome()
    {
        var receipt = await (await host.Client(Channel).PostJson("/api/cases", Api.Intake("road-damage", "zhongmou"))).Json();
        Assert.Equal("transferredOut", receipt["status"]!.GetValue<string>());
        var id = receipt["id"]!.GetValue<string>();

        var wrongPartner = await host.Client("demo-xinzheng-hotline-key").PostJson($"/api/partners/xinzheng-hotline/cases/{id}/outcome", new { outcome = "resolved", note = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, wrongPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("demo-xinzheng-hotline-key").PostJson($"/api/partners/zhongmou-hotline/cases/{id}/outcome", new { outcome = "resolved", note = "x" })).StatusCode);

        var zhongmou = host.Client("demo-zhongmou-hotline-key");
        Assert.Equal(HttpStatusCode.BadRequest, (await zhongmou.PostJson($"/api/partners/zhongmou-hotline/cases/{id}/outcome", new { outcome = "fixed", note = "x" })).StatusCode);
        var outcome = await zhongmou.PostJson($"/api/partners/zhongmou-hotline/cases/{id}/outcome", new { outcome = "resolved", note = "County road crew filled the pothole" });
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.Equal("closed", (await outcome.Json())["to"]!.GetValue<string>());

        var view = (await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!;
        Assert.Equal(["submit", "transferOut", "partnerOutcome"], view["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        Assert.Contains("County road crew", view["history"]![2]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_case_a_partner_returns_goes_back_to_the_centre_and_a_partner_can_hand_cases_in()
    {
        var id = (await (await host.Client(Channel).PostJson("/api/cases", Api.Intake("power-outage", "erqi"))).Json())["id"]!.GetValue<string>();
        var returned = await host.Client("demo-power-95598-key").PostJson($"/api/partners/power-95598/cases/{id}/outcome", new { outcome = "returned", note = "Street lights are the city's" });
        Assert.Equal("returned", (await returned.Json())["to"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.Client(AgentKey).PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-urban-management", reason = "street lights" })).StatusCode);

        // Zhongmou hands in a case about the city proper: it keeps its origin line and is routed normally.
        var handedIn = await (await host.Client("demo-zhongmou-hotline-key").PostJson("/api/cases", Api.Intake("garbage-collection", "erqi"))).Json();
        Assert.Equal("dispatched", handedIn["status"]!.GetValue<string>());
        var view = (await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{handedIn["id"]}"))!;
        Assert.Equal("zhongmou-hotline", view["originLine"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_temporary_line_refuses_intake_naming_12345_and_an_integrated_line_keeps_its_origin()
    {
        var channel = host.Client(Channel);
        object Through(string line) => new
        {
            channel = "phone", category = "road-damage", district = "erqi", address = $"No. {Guid.NewGuid():N}", description = "Flooded underpass",
            citizen = new { phone = "13600005555" }, originLine = line,
        };

        var expired = await channel.PostJson("/api/cases", Through("flood-relief-2026"));
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        var message = (await expired.Json())["errors"]!["originLine"]![0]!.GetValue<string>();
        Assert.Contains("12345", message);
        Assert.Contains("closed on 2026-08-31", message);

        Assert.Equal(HttpStatusCode.BadRequest, (await channel.PostJson("/api/cases", Through("no-such-line"))).StatusCode);
        var integrated = await (await channel.PostJson("/api/cases", Through("erqi-head-line"))).Json();
        Assert.Equal("dispatched", integrated["status"]!.GetValue<string>());
        var view = (await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{integrated["id"]}"))!;
        Assert.Equal("erqi-head-line", view["originLine"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_registry_refuses_new_permanent_lines_and_audits_an_approved_temporary_one()
    {
        var admin = host.Client(Admin);
        var permanent = await admin.PostJson("/api/hotlines", new { id = "new-line", number = "12399", name = "A new department line", kind = "integrated" });
        Assert.Equal(HttpStatusCode.Conflict, permanent.StatusCode);
        Assert.Contains("12345", (await permanent.Json())["detail"]!.GetValue<string>());

        var unapproved = await admin.PostJson("/api/hotlines", new { id = "snow-2026", number = "0371-96130", name = "Snow line", kind = "temporary" });
        Assert.Equal(HttpStatusCode.BadRequest, unapproved.StatusCode);

        var id = "snow-" + Guid.NewGuid().ToString("N")[..6];
        var ok = await admin.PostJson("/api/hotlines", new
        {
            id, number = "0371-96130", name = "Snowstorm line", kind = "temporary",
            temporary = new { approvedBy = "Municipal government", approvalReference = "ZZ-GOV-2026-120", start = "2026-12-01", end = "2027-02-28" },
        });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var registry = (await host.Client(AgentKey).GetFromJsonAsync<JsonObject>("/api/hotlines"))!;
        Assert.Contains(registry["lines"]!.AsArray(), l => l!["id"]!.GetValue<string>() == id);
        Assert.Contains(registry["audit"]!.AsArray(), a => a!["lineId"]!.GetValue<string>() == id && a["by"]!.GetValue<string>().Contains("admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(AgentKey).PostJson("/api/hotlines", new { id = "x", number = "1", name = "x", kind = "temporary" })).StatusCode);
    }
}
