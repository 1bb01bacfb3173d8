using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class CaseWorkflowTests(DispatcherHostFixture host)
{
    [Theory]
    [InlineData("erqi", null, "city-urban-management", "noise-city")]
    [InlineData("jinshui", null, "jinshui-environment", "noise-jinshui")]
    [InlineData("erqi", "construction-committee", "city-construction-committee", "noise-committee-sites")]
    [InlineData("jinshui", "construction-committee", "city-construction-committee", "noise-committee-sites")]
    public async Task Construction_noise_routes_as_in_the_source_article(string district, string? siteManagedBy, string department, string rule)
    {
        var attributes = siteManagedBy is null ? null : new Dictionary<string, string> { ["siteManagedBy"] = siteManagedBy };
        var response = await host.Client(Channel).PostJson("/api/cases", Api.Intake("construction-noise", district, attributes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Json();
        Assert.Equal("dispatched", receipt["status"]!.GetValue<string>());
        Assert.Equal(department, receipt["departmentId"]!.GetValue<string>());
        Assert.Equal(rule, receipt["ruleId"]!.GetValue<string>());
        Assert.Equal($"/api/cases/{receipt["id"]}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_case_goes_from_intake_to_resolved_and_its_department_rates_show_it()
    {
        const string department = "city-market-regulation";
        var dept = host.Client(Dept(department));
        var month = Api.Month(DateTimeOffset.UtcNow);
        var before = await dept.GetFromJsonAsync<JsonObject>($"/api/departments/{department}/stats?month={month}");

        var id = await host.Client(AgentKey).Submit(Api.Intake("food-safety", "zhongyuan"));
        Assert.Contains(await dept.GetFromJsonAsync<JsonArray>($"/api/departments/{department}/inbox") ?? [], i => i!["caseId"]!.GetValue<string>() == id);

        Assert.Equal(HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/reply", new { text = "Inspectors visited the restaurant" })).StatusCode);
        var resolved = await dept.PostJson($"/api/cases/{id}/resolve", new { text = "Licence suspended" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.Json())["to"]!.GetValue<string>());

        var view = await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        var actions = view!["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["submit", "route", "acknowledge", "reply", "resolve"], actions);
        Assert.Equal("Agent:agent-li", view["history"]![0]!["actor"]!.GetValue<string>());
        Assert.Equal("agent-li", view["takenByAgent"]!.GetValue<string>());

        var after = await dept.GetFromJsonAsync<JsonObject>($"/api/departments/{department}/stats?month={month}");
        foreach (var counter in new[] { "received", "acknowledged", "replied", "resolved" })
            Assert.True(after![counter]!.GetValue<int>() == before![counter]!.GetValue<int>() + 1, $"{counter} should grow by one");
        Assert.Equal(1.0, after!["replyRate"]!.GetValue<double>());
        Assert.Equal(1.0, after["resolutionRate"]!.GetValue<double>());
        Assert.DoesNotContain(await dept.GetFromJsonAsync<JsonArray>($"/api/departments/{department}/inbox") ?? [], i => i!["caseId"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_department_cannot_read_or_touch_another_departments_case()
    {
        var id = await host.Client(Channel).Submit(Api.Intake("water-outage", "erqi"));
        var intruder = host.Client(Dept("city-transport"));

        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync($"/api/cases/{id}")).StatusCode);
        foreach (var verb in new[] { "acknowledge", "reply", "resolve", "return" })
        {
            var response = await intruder.PostJson($"/api/cases/{id}/{verb}", new { text = "x", reason = "x" }.ToDictionaryBody(verb));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{verb}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/api/departments/city-water/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/api/departments/city-water/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/api/cases?department=city-water")).StatusCode);

        var own = await host.Client(Dept("city-water")).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("139****5678".Length, own!["citizen"]!["phone"]!.GetValue<string>().Length);
        Assert.Contains("****", own["citizen"]!["phone"]!.GetValue<string>());

        var search = await intruder.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200");
        Assert.All(search!["items"]!.AsArray(), row => Assert.Equal("city-transport", row!["departmentId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Two_returns_send_a_case_to_arbitration_and_the_ruling_binds()
    {
        var agent = host.Client(AgentKey);
        var urban = host.Client(Dept("city-urban-management"));
        var environment = host.Client(Dept("city-environment"));
        var id = await host.Client(Channel).Submit(Api.Intake("road-damage", "erqi"));

        var noReason = await urban.PostJson($"/api/cases/{id}/return", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Json())["errors"]!.AsObject().ContainsKey("reason"));
        var first = await urban.PostJson($"/api/cases/{id}/return", new { reason = "Belongs to the environment bureau" });
        Assert.Equal("returned", (await first.Json())["to"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await urban.PostJson($"/api/cases/{id}/return", new { reason = "again" })).StatusCode);

        var redispatch = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-environment", reason = "Environment then" });
        Assert.Equal(HttpStatusCode.OK, redispatch.StatusCode);
        var second = await environment.PostJson($"/api/cases/{id}/return", new { reason = "Not ours either" });
        Assert.Equal("arbitration", (await second.Json())["to"]!.GetValue<string>());

        var ruling = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-urban-management", reason = "Road surface is urban management's" });
        Assert.Equal(HttpStatusCode.OK, ruling.StatusCode);
        var refused = await urban.PostJson($"/api/cases/{id}/return", new { reason = "Still not ours" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Json();
        Assert.Equal("dispatched", problem["currentStatus"]!.GetValue<string>());
        Assert.Equal("return", problem["action"]!.GetValue<string>());

        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.True(view!["arbitrationBinding"]!.GetValue<bool>());
        Assert.Equal(2, view["returns"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_repeated_command_with_the_same_idempotency_key_is_a_no_op()
    {
        var dept = host.Client(Dept("city-housing"));
        var id = await host.Client(Channel).Submit(Api.Intake("heating", "huiji"));

        var first = await (await dept.PostJson($"/api/cases/{id}/acknowledge", null, "ack-1")).Json();
        var again = await (await dept.PostJson($"/api/cases/{id}/acknowledge", null, "ack-1")).Json();
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, (await dept.PostJson($"/api/cases/{id}/acknowledge", null, "ack-2")).StatusCode);

        var view = await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal(3, view!["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_unmatched_case_waits_in_triage_until_an_agent_dispatches_it()
    {
        var agent = host.Client(AgentKey);
        var id = await host.Client(Channel).Submit(Api.Intake("other", "shangjie"));
        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("triage", view!["status"]!.GetValue<string>());
        Assert.Contains(await Triage(agent), t => t!["id"]!.GetValue<string>() == id);

        var dispatched = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "shangjie-government", reason = "District matter" });
        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.DoesNotContain(await Triage(agent), t => t!["id"]!.GetValue<string>() == id);

        // A page outside the bounds is refused field by field, nothing read.
        using var bad = await agent.GetAsync("/api/triage?page=0&pageSize=201");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("page") && errors.ContainsKey("pageSize"), errors.ToJsonString());
    }

    /// <summary>Every page of the triage queue, checking that it is oldest first.</summary>
    private static async Task<List<JsonNode?>> Triage(HttpClient agent)
    {
        var all = new List<JsonNode?>();
        for (var page = 1; ; page++)
        {
            var body = await agent.GetFromJsonAsync<JsonObject>($"/api/triage?page={page}&pageSize=200");
            var items = body!["items"]!.AsArray();
            all.AddRange(items);
            if (items.Count < 200) break;
        }
        var created = all.Select(t => t!["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(created.Order(), created);
        Assert.All(all, t => Assert.Equal("triage", t!["status"]!.GetValue<string>()));
        return all;
    }

    [Fact]
    public async Task Admins_edit_rules_at_run_time_and_new_intakes_follow_the_new_version()
    {
        var admin = host.Client(Admin);
        var table = await admin.GetFromJsonAsync<JsonObject>("/api/routing/rules");
        var version = table!["version"]!.GetValue<long>();
        var rules = table["rules"]!.AsArray().Select(r => r!.DeepClone()).ToList();
        rules.Add(JsonNode.Parse("""{"id":"lighting-shangjie","category":"street-lighting","district":"shangjie","priority":0,"departmentId":"shangjie-government"}""")!);

        var bad = await admin.PutAsJsonAsync("/api/routing/rules", new { rules = new[] { new { id = "x", category = "street-lighting", priority = 0, departmentId = "nobody" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Json())["errors"]!.AsObject().ContainsKey("rules[0].departmentId"));

        var stale = await admin.PutAsJsonAsync("/api/routing/rules", new { expectedVersion = version - 1, rules });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var put = await admin.PutAsJsonAsync("/api/routing/rules", new { expectedVersion = version, rules });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(version + 1, (await put.Json())["version"]!.GetValue<long>());

        var receipt = await (await host.Client(Channel).PostJson("/api/cases", Api.Intake("street-lighting", "shangjie"))).Json();
        Assert.Equal("shangjie-government", receipt["departmentId"]!.GetValue<string>());
        Assert.Equal("lighting-shangjie", receipt["ruleId"]!.GetValue<string>());
        var view = await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{receipt["id"]}");
        Assert.Contains($"rules v{version + 1}", view!["history"]![1]!["note"]!.GetValue<string>());
    }
}

internal static class BodyExtensions
{
    /// <summary>The right body for each department verb (reply/resolve take text, return takes reason).</summary>
    public static object ToDictionaryBody(this object _, string verb) => verb switch
    {
        "reply" or "resolve" => new { text = "x" },
        "return" => new { reason = "x" },
        _ => new { },
    };
}
