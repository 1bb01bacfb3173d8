using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// One scope rule (Host/Security/CallerScope) on every route that takes a case id or a department id
/// (Endpoints/CaseEndpoints, CallbackEndpoints, DepartmentEndpoints, SupervisionEndpoints,
/// HotlineEndpoints' partner outcome), for the callers that can be attached to departments.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CallerScopeTests(DispatcherHostFixture host)
{
    private const string Jinshui = "jinshui-environment";
    private const string Water = "city-water";
    private const string AttachedSupervisor = "demo-supervisor-jinshui-key";
    private const string CitySupervisor = "demo-supervisor-key";
    private const string Phone = "13855550123";
    private const string Name = "Zhang San";

    /// <summary>A route; Prepare brings a fresh case (with its owner's key) to where the call is legal.</summary>
    private sealed record Route(string Name, bool Reads, bool DepartmentCommand, Func<HttpClient, string, string, Task<HttpResponseMessage>> Call,
        string[]? Prepare = null);

    private static readonly Route[] Routes =
    [
        new("GET /api/cases/{id}", true, false, (c, id, _) => c.GetAsync($"/api/cases/{id}")),
        new("GET /api/cases?department={id}", true, false, (c, _, d) => c.GetAsync($"/api/cases?department={d}")),
        new("GET /api/departments/{id}/inbox", true, false, (c, _, d) => c.GetAsync($"/api/departments/{d}/inbox")),
        new("GET /api/departments/{id}/stats", true, false, (c, _, d) => c.GetAsync($"/api/departments/{d}/stats")),
        new("GET /api/departments/{id}/supervision", true, false, (c, _, d) => c.GetAsync($"/api/departments/{d}/supervision")),
        new("POST /api/cases/{id}/acknowledge", false, true, (c, id, _) => c.PostJson($"/api/cases/{id}/acknowledge", new { })),
        new("POST /api/cases/{id}/start", false, true, (c, id, _) => c.PostJson($"/api/cases/{id}/start", new { }), ["acknowledge"]),
        new("POST /api/cases/{id}/reply", false, true, (c, id, _) => c.PostJson($"/api/cases/{id}/reply", new { text = "done" }), ["acknowledge"]),
        new("POST /api/cases/{id}/resolve", false, true, (c, id, _) => c.PostJson($"/api/cases/{id}/resolve", new { text = "done" }), ["acknowledge", "reply"]),
        new("POST /api/cases/{id}/return", false, true, (c, id, _) => c.PostJson($"/api/cases/{id}/return", new { reason = "not ours" })),
        new("POST /api/cases/{id}/dispatch", false, false, (c, id, _) => c.PostJson($"/api/cases/{id}/dispatch", new { departmentId = Water, reason = "x" })),
        new("POST /api/cases/{id}/close", false, false, (c, id, _) => c.PostJson($"/api/cases/{id}/close", new { })),
        new("POST /api/cases/{id}/reopen", false, false, (c, id, _) => c.PostJson($"/api/cases/{id}/reopen", new { reason = "x" })),
        new("POST /api/cases/{id}/callback", false, false, (c, id, _) => c.PostJson($"/api/cases/{id}/callback", new { satisfaction = "satisfied" })),
        new("POST /api/partners/{line}/cases/{id}/outcome", false, false,
            (c, id, _) => c.PostJson($"/api/partners/water-hotline/cases/{id}/outcome", new { outcome = "resolved" })),
    ];

    [Theory]
    [InlineData("attached supervisor on its own department's case", AttachedSupervisor, Jinshui, true)]
    [InlineData("attached supervisor on another department's case", AttachedSupervisor, Water, false)]
    [InlineData("all-departments supervisor", CitySupervisor, Water, true)]
    [InlineData("own department key", "demo-jinshui-environment-key", Jinshui, true)]
    [InlineData("other department key", "demo-city-water-key", Jinshui, false)]
    public async Task Every_case_and_department_route_answers_inside_the_callers_scope_and_refuses_outside_it(
        string scenario, string key, string department, bool inScope)
    {
        var caller = host.Client(key);
        var owner = host.Client(Dept(department));
        var admin = host.Client(Admin);
        var isOwnDepartmentKey = key == Dept(department);
        var failures = new List<string>();

        foreach (var route in Routes)
        {
            var id = await NewCase(department);
            foreach (var step in route.Prepare ?? [])
            {
                var prepared = await owner.PostJson($"/api/cases/{id}/{step}", step == "reply" ? new { text = "x" } : new { });
                Assert.True(prepared.StatusCode == HttpStatusCode.OK, $"{route.Name}: preparing {step} on {id}: {await prepared.Content.ReadAsStringAsync()}");
            }
            var before = await Status(admin, id);
            var response = await route.Call(caller, id, department);
            var body = await response.Content.ReadAsStringAsync();
            var allowed = route.Reads ? inScope : route.DepartmentCommand && isOwnDepartmentKey;

            if (allowed && response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{route.Name}: expected 200, got {(int)response.StatusCode} {body}");
            if (!allowed)
            {
                if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{route.Name}: expected 403, got {(int)response.StatusCode} {body}");
                if (body.Contains(Phone) || body.Contains(Name)) failures.Add($"{route.Name}: a refusal revealed contact data: {body}");
                var after = await Status(admin, id);
                if (after != before) failures.Add($"{route.Name}: a refused call moved the case from {before} to {after}");
            }
        }

        Assert.True(failures.Count == 0, $"{scenario} ({key} on {department}):\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_supervisor_sees_contact_data_in_clear_and_a_department_key_sees_it_masked()
    {
        var id = await NewCase(Jinshui);
        var supervisor = await host.Client(AttachedSupervisor).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal(Phone, supervisor!["citizen"]!["phone"]!.GetValue<string>());

        var department = await host.Client(Dept(Jinshui)).GetStringAsync($"/api/cases/{id}");
        Assert.DoesNotContain(Phone, department);
    }

    [Fact]
    public async Task An_attached_supervisor_searching_without_a_department_gets_only_its_departments_cases()
    {
        var own = await NewCase(Jinshui);
        var other = await NewCase(Water);

        var page = await host.Client(AttachedSupervisor).GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200");
        var items = page!["items"]!.AsArray();
        Assert.Contains(items, i => i!["id"]!.GetValue<string>() == own);
        Assert.DoesNotContain(items, i => i!["id"]!.GetValue<string>() == other);
        // Its departments' cases: those they lead, and joint cases they co-handle (ADR-027).
        Assert.All(items, i => Assert.True(i!["departmentId"]?.GetValue<string>() == Jinshui
            || (i["coDepartments"]?.AsArray() ?? []).Any(d => d!.GetValue<string>() == Jinshui), i.ToJsonString()));
        var all = await host.Client(CitySupervisor).GetFromJsonAsync<JsonObject>("/api/cases?pageSize=1");
        Assert.True(all!["total"]!.GetValue<long>() > page["total"]!.GetValue<long>(), "the city-wide supervisor sees more than the attached one");
    }

    [Fact]
    public async Task An_attached_supervisor_gets_the_report_rows_of_its_departments_only()
    {
        var client = host.Client(AttachedSupervisor);
        var monthly = await client.GetFromJsonAsync<JsonObject>("/api/reports/monthly");
        Assert.Equal([Jinshui], monthly!["lines"]!.AsArray().Select(l => l!["departmentId"]!.GetValue<string>()));
        var annual = await client.GetFromJsonAsync<JsonObject>("/api/reports/annual");
        Assert.Equal([Jinshui], annual!["departments"]!.AsArray().Select(l => l!["departmentId"]!.GetValue<string>()));
        var quarterly = await client.GetFromJsonAsync<JsonObject>("/api/reports/quarterly");
        Assert.All(quarterly!["cases"]!.AsArray(), c => Assert.Equal(Jinshui, c!["departmentId"]!.GetValue<string>()));
        var referrals = await client.GetFromJsonAsync<JsonObject>("/api/discipline?pageSize=200");
        Assert.All(referrals!["items"]!.AsArray(), r => Assert.Equal(Jinshui, r!["departmentId"]!.GetValue<string>()));

        var cityWide = await host.Client(CitySupervisor).GetFromJsonAsync<JsonObject>("/api/reports/monthly");
        Assert.Equal(17, cityWide!["lines"]!.AsArray().Count);
    }

    private async Task<string> NewCase(string department)
    {
        var intake = department switch
        {
            Jinshui => Api.Intake("construction-noise", "jinshui", phone: Phone),
            Water => Api.Intake("water-outage", "erqi", phone: Phone),
            _ => throw new ArgumentOutOfRangeException(nameof(department)),
        };
        var response = await host.Client(AgentKey).PostJson("/api/cases", intake);
        var created = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        Assert.Equal(department, created["departmentId"]?.GetValue<string>());
        return created["id"]!.GetValue<string>();
    }

    private static async Task<string> Status(HttpClient admin, string id)
    {
        var response = await admin.GetAsync($"/api/cases/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"admin GET {id}: {(int)response.StatusCode}");
        return (await response.Json())["status"]!.GetValue<string>();
    }
}
