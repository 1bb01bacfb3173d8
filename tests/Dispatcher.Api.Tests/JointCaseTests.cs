using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Joint cases (R4, issue 14 part 1, ADR-027) through the real host: a blocked drain under road works
/// in Erqi is routed by the demo rule drain-roadworks-erqi to the water company as lead with urban
/// management and the district as co-departments. The Erqi district government is a co-department
/// only in this class, so its co-handled counters can be recounted from the cases themselves.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class JointCaseTests(DispatcherHostFixture host)
{
    private const string Lead = "city-water";
    private const string Urban = "city-urban-management";
    private const string District = "erqi-government";
    private static readonly Dictionary<string, string> BlockedDrain = new() { ["cause"] = "blocked-drain" };

    private async Task<string> NewJointCase()
    {
        var created = await (await host.Client(Channel).PostJson("/api/cases", Api.Intake("road-damage", "erqi", BlockedDrain, description: "Drain blocked under the road works"))).Json();
        Assert.True(created["departmentId"]?.GetValue<string>() == Lead, created.ToJsonString());
        Assert.Equal("drain-roadworks-erqi", created["ruleId"]!.GetValue<string>());
        return created["id"]!.GetValue<string>();
    }

    private async Task<JsonObject> View(string id, string key = Admin)
    {
        using var response = await host.Client(key).GetAsync($"/api/cases/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {id} as {key}: {(int)response.StatusCode}");
        return await response.Json();
    }

    private static JsonObject Part(JsonObject view, string department) =>
        view["coDepartments"]!.AsArray().Single(p => p!["departmentId"]!.GetValue<string>() == department)!.AsObject();

    private async Task<HttpResponseMessage> Co(string id, string department, string verb, object? body = null, string? key = null, string? idempotencyKey = null) =>
        await host.Client(key ?? Dept(department)).PostJson($"/api/cases/{id}/co/{department}/{verb}", body ?? new { }, idempotencyKey);

    private static async Task Ok(Task<HttpResponseMessage> call, string what)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task LeadReplies(string id)
    {
        var lead = host.Client(Dept(Lead));
        await Ok(lead.PostJson($"/api/cases/{id}/acknowledge", new { }), "lead acknowledge");
        await Ok(lead.PostJson($"/api/cases/{id}/reply", new { text = "Drain jetted clear" }), "lead reply");
    }

    private async Task<JsonObject> Stats(string department)
    {
        using var response = await host.Client(Admin).GetAsync($"/api/departments/{department}/stats");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"stats of {department}: {(int)response.StatusCode}");
        return await response.Json();
    }

    [Fact]
    public async Task A_joint_case_goes_to_a_lead_and_two_co_departments_and_closes_only_when_the_lead_resolves_with_both_co_replies_in()
    {
        var urbanBefore = await Stats(Urban);
        var id = await NewJointCase();
        var view = await View(id);
        Assert.Equal([Urban, District], view["coDepartments"]!.AsArray().Select(p => p!["departmentId"]!.GetValue<string>()));
        Assert.All(view["coDepartments"]!.AsArray(), p =>
        {
            Assert.Equal("assigned", p!["status"]!.GetValue<string>());
            Assert.Equal(["acknowledge", "reply"], p["deadlines"]!.AsArray().Select(d => d!["step"]!.GetValue<string>()));
        });
        // Each co-department's inbox holds the case as a co-part; the lead's as its own.
        Assert.Equal("co", await InboxRole(Urban, id));
        Assert.Equal("co", await InboxRole(District, id));
        Assert.Equal("lead", await InboxRole(Lead, id));

        await LeadReplies(id);
        await Ok(Co(id, Urban, "acknowledge"), "urban acknowledge");
        await Ok(Co(id, Urban, "reply", new { text = "Road works fenced, contractor told to clear the inlet" }), "urban reply");

        // The district has not replied: resolving needs a reason, and nothing changes without one.
        var before = (await View(id))["history"]!.AsArray().Count;
        using (var refused = await host.Client(Dept(Lead)).PostJson($"/api/cases/{id}/resolve", new { text = "Drain flows again" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Json())["errors"]!.AsObject().ContainsKey("reason"));
        }
        Assert.Equal(before, (await View(id))["history"]!.AsArray().Count);
        Assert.Equal("replied", (await View(id))["status"]!.GetValue<string>());

        await Ok(Co(id, District, "acknowledge"), "district acknowledge");
        await Ok(Co(id, District, "reply", new { text = "Residents told of the works" }), "district reply");
        view = await View(id, Dept(Lead));
        // The lead sees the co-replies.
        Assert.Equal("Road works fenced, contractor told to clear the inlet", Part(view, Urban)["reply"]!.GetValue<string>());
        Assert.Equal("replied", Part(view, District)["status"]!.GetValue<string>());
        Assert.NotNull(Part(view, District)["repliedAt"]);

        await Ok(host.Client(Dept(Lead)).PostJson($"/api/cases/{id}/resolve", new { text = "Drain flows again" }), "resolve with both co-replies in");
        view = await View(id);
        Assert.Equal("resolved", view["status"]!.GetValue<string>());
        Assert.Equal("coClose", view["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());
        // Closing notices took the case out of the co-departments' inboxes.
        Assert.Null(await InboxRole(Urban, id));
        Assert.Null(await InboxRole(District, id));

        // Counted apart: urban management's co-handled counters moved, its own did not.
        var urbanAfter = await Stats(Urban);
        Assert.Equal(urbanBefore["received"]!.GetValue<int>(), urbanAfter["received"]!.GetValue<int>());
        Assert.Equal(urbanBefore["replied"]!.GetValue<int>(), urbanAfter["replied"]!.GetValue<int>());
        Assert.Equal(Co(urbanBefore, "received") + 1, Co(urbanAfter, "received"));
        Assert.Equal(Co(urbanBefore, "acknowledged") + 1, Co(urbanAfter, "acknowledged"));
        Assert.Equal(Co(urbanBefore, "replied") + 1, Co(urbanAfter, "replied"));
        Assert.Equal(Co(urbanBefore, "repliedOnTime") + 1, Co(urbanAfter, "repliedOnTime"));
    }

    private static int Co(JsonObject stats, string counter) => stats["coHandled"]![counter]!.GetValue<int>();

    private async Task<string?> InboxRole(string department, string id)
    {
        var inbox = await host.Client(Admin).GetFromJsonAsync<JsonArray>($"/api/departments/{department}/inbox");
        return inbox!.FirstOrDefault(i => i!["caseId"]!.GetValue<string>() == id)?["role"]!.GetValue<string>();
    }

    [Fact]
    public async Task Resolving_before_a_co_department_replied_takes_a_reason_that_is_recorded_and_closes_the_open_part()
    {
        var id = await NewJointCase();
        await LeadReplies(id);
        await Ok(Co(id, Urban, "acknowledge"), "urban acknowledge");
        await Ok(Co(id, Urban, "reply", new { text = "Fenced" }), "urban reply");
        await Ok(host.Client(Dept(Lead)).PostJson($"/api/cases/{id}/resolve",
            new { text = "Drain flows again", reason = "Flooding risk tonight: the district's note follows separately" }), "resolve with a reason");

        var view = await View(id);
        Assert.Equal("resolved", view["status"]!.GetValue<string>());
        var close = view["history"]!.AsArray()[^1]!;
        Assert.Equal("coClose", close["action"]!.GetValue<string>());
        Assert.Contains($"resolved before {District} replied, reason: Flooding risk tonight", close["note"]!.GetValue<string>());
        Assert.Equal("closed", Part(view, District)["status"]!.GetValue<string>());
        Assert.All(Part(view, District)["deadlines"]!.AsArray(), d => Assert.True(d!["done"]!.GetValue<bool>()));
        // The closed part takes no further step.
        using var late = await Co(id, District, "acknowledge");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        // The citizen's public view shows none of it.
        var open = await host.Client().GetFromJsonAsync<JsonObject>($"/api/public/cases/{id}?phoneLast4=5678");
        Assert.DoesNotContain("Flooding risk", open!.ToJsonString());
    }

    [Fact]
    public async Task A_co_department_released_with_a_reason_no_longer_holds_up_the_resolution_and_is_counted_as_released()
    {
        var before = await Stats(District);
        var id = await NewJointCase();
        using (var noReason = await Co(id, District, "release", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await noReason.Json())["errors"]!.AsObject().ContainsKey("reason"));
        }
        await Ok(Co(id, District, "release", new { reason = "The works are the city's; nothing for the district" }), "release");
        var view = await View(id);
        Assert.True(Part(view, District)["released"]!.GetValue<bool>());
        Assert.Equal("The works are the city's; nothing for the district", Part(view, District)["releaseReason"]!.GetValue<string>());
        Assert.Equal("coRelease", view["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());
        Assert.Null(await InboxRole(District, id));

        await Ok(Co(id, Urban, "acknowledge"), "urban acknowledge");
        await Ok(Co(id, Urban, "reply", new { text = "Fenced" }), "urban reply");
        await LeadReplies(id);
        await Ok(host.Client(Dept(Lead)).PostJson($"/api/cases/{id}/resolve", new { text = "Drain flows" }), "resolve without a reason");
        Assert.Equal(Co(before, "released") + 1, Co(await Stats(District), "released"));
    }

    [Fact]
    public async Task Only_the_co_department_acts_on_its_part_and_its_supervisor_reads_and_finds_the_case_with_its_role()
    {
        // A case led by city-water with the Jinshui bureau as co-department (the matrix's joint stage).
        var id = await host.NewCaseAt(CaseStage.CoAssigned);
        const string Jinshui = CaseStages.Jinshui;
        using (var asLead = await Co(id, Jinshui, "acknowledge", key: Dept(CaseStages.JointLead)))
            Assert.Equal(HttpStatusCode.Forbidden, asLead.StatusCode);
        using (var leadAsCo = await Co(id, CaseStages.JointLead, "acknowledge"))
            Assert.Equal(HttpStatusCode.Forbidden, leadAsCo.StatusCode);
        using (var stranger = await Co(id, "city-transport", "acknowledge"))
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        // The co-department may not take the lead's steps either.
        using (var leadStep = await host.Client(Dept(Jinshui)).PostJson($"/api/cases/{id}/acknowledge", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, leadStep.StatusCode);

        // The supervisor attached to the co-department reads the case and finds it as co-handled.
        await View(id, "demo-supervisor-jinshui-key");
        var supervisor = host.Client("demo-supervisor-jinshui-key");
        var found = await supervisor.GetFromJsonAsync<JsonObject>($"/api/cases?coDepartment={Jinshui}&pageSize=200");
        var row = found!["items"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("co", row["role"]!.GetValue<string>());
        Assert.Contains(Jinshui, row["coDepartments"]!.AsArray().Select(d => d!.GetValue<string>()));
        var scoped = await supervisor.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200");
        Assert.Equal("co", scoped!["items"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!["role"]!.GetValue<string>());
        // A department outside both roles may not search for it.
        using var outside = await host.Client(Dept("city-transport")).GetAsync($"/api/cases?coDepartment={Jinshui}");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var desk = await host.Client(Dept(Jinshui)).GetFromJsonAsync<JsonArray>($"/api/departments/{Jinshui}/desk");
        var item = desk!.Single(d => d!["caseId"]!.GetValue<string>() == id)!;
        Assert.Equal("co", item["role"]!.GetValue<string>());
        Assert.NotNull(item["dueAt"]);
    }

    [Fact]
    public async Task A_co_step_sent_twice_with_the_same_idempotency_key_is_applied_once_and_counted_once()
    {
        var id = await NewJointCase();
        await Ok(Co(id, District, "acknowledge"), "district acknowledge");
        var before = await Stats(District);
        var key = $"co-reply-{Guid.NewGuid():N}";
        using var first = await Co(id, District, "reply", new { text = "Residents informed" }, idempotencyKey: key);
        using var second = await Co(id, District, "reply", new { text = "Residents informed" }, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((await first.Json()).ToJsonString(), (await second.Json()).ToJsonString());
        var view = await View(id);
        Assert.Single(view["history"]!.AsArray(), h => h!["action"]!.GetValue<string>() == "coReply");
        Assert.Equal(Co(before, "replied") + 1, Co(await Stats(District), "replied"));
    }

    [Fact]
    public async Task Co_departments_at_dispatch_are_checked_field_by_field_and_stay_when_the_lead_returns_the_case()
    {
        var agent = host.Client(AgentKey);
        var id = await NewJointCase();
        var history = (await View(id))["history"]!.AsArray().Count;
        using (var bad = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-transport", reason = "x", coDepartments = new[] { Urban, "no-such-unit", Urban, "city-transport" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Json())["errors"]!.AsObject();
            Assert.Equal(["coDepartments[1]", "coDepartments[2]", "coDepartments[3]"], errors.Select(e => e.Key).Order());
        }
        Assert.Equal(history, (await View(id))["history"]!.AsArray().Count);

        // The lead returns the case; the dispatcher gives it to a new lead; the co-parts stay.
        await Ok(host.Client(Dept(Lead)).PostJson($"/api/cases/{id}/return", new { reason = "The inlet is the road contractor's" }), "return");
        await Ok(Co(id, Urban, "acknowledge"), "urban acknowledges while the case is returned");
        await Ok(agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-construction-committee", reason = "Road works site" }), "redispatch");
        var view = await View(id);
        Assert.Equal("city-construction-committee", view["departmentId"]!.GetValue<string>());
        Assert.Equal("acknowledged", Part(view, Urban)["status"]!.GetValue<string>());
        Assert.Equal("assigned", Part(view, District)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_co_handled_counters_equal_a_recount_of_the_co_parts_of_the_cases()
    {
        // Some co-parts in every state: replied, released, acknowledged only, untouched.
        var replied = await NewJointCase();
        await Ok(Co(replied, District, "acknowledge"), "ack");
        await Ok(Co(replied, District, "reply", new { text = "Done" }), "reply");
        var released = await NewJointCase();
        await Ok(Co(released, District, "release", new { reason = "Not ours" }), "release");
        var acknowledged = await NewJointCase();
        await Ok(Co(acknowledged, District, "acknowledge"), "ack");
        await NewJointCase();

        var month = Api.Month(DateTimeOffset.UtcNow);
        var stats = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/departments/{District}/stats?month={month}"))!["coHandled"]!;
        var page = await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/cases?coDepartment={District}&pageSize=200");
        var parts = new List<JsonObject>();
        foreach (var row in page!["items"]!.AsArray())
        {
            var part = Part(await View(row!["id"]!.GetValue<string>()), District);
            if (Api.Month(part["assignedAt"]!.GetValue<DateTimeOffset>()) == month) parts.Add(part);
        }
        Assert.True(parts.Count >= 4);
        Assert.Equal(parts.Count, stats["received"]!.GetValue<int>());
        Assert.Equal(parts.Count(p => p["acknowledgedAt"] is not null), stats["acknowledged"]!.GetValue<int>());
        Assert.Equal(parts.Count(p => p["repliedAt"] is not null), stats["replied"]!.GetValue<int>());
        Assert.Equal(parts.Count(p => p["released"]!.GetValue<bool>()), stats["released"]!.GetValue<int>());
    }
}
