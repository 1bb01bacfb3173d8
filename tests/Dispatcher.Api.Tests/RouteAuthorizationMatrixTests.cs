using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Tests.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Every route the host maps (enumerated from its <see cref="EndpointDataSource"/>) × every kind of
/// caller, with the exact status the product intends (README "HTTP API" and "Security",
/// Host/Security/SecuritySetup's policies and CallerScope). A mapped route without a row fails the
/// test by name: a new route cannot ship without its authorisation expectations.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RouteAuthorizationMatrixTests(DispatcherHostFixture host)
{
    public enum Caller { Channel, Agent, Admin, OwnDepartment, OtherDepartment, CitySupervisor, AttachedSupervisor, Partner, NoKey, WrongKey }

    private const string Own = CaseStages.Jinshui;
    private const string Other = "city-water";
    private const string PartnerLine = CaseStages.WaterLine;

    private static readonly Dictionary<Caller, string?> Keys = new()
    {
        [Caller.Channel] = Channel,
        [Caller.Agent] = AgentKey,
        [Caller.Admin] = Admin,
        [Caller.OwnDepartment] = Dept(Own),
        [Caller.OtherDepartment] = Dept(Other),
        [Caller.CitySupervisor] = "demo-supervisor-key",
        [Caller.AttachedSupervisor] = "demo-supervisor-jinshui-key", // attached to jinshui-environment (city file)
        [Caller.Partner] = Dept(PartnerLine),
        [Caller.NoKey] = null,
        [Caller.WrongKey] = "demo-not-a-key",
    };

    /// <summary>What a row's call is about: a fresh case of the own department at the row's stage (or none), and this silo.</summary>
    private sealed record Target(string? CaseId, string Silo);

    /// <summary>
    /// One route: how to call it, what each caller gets, and whether an allowed call changes state
    /// (then every allowed caller gets a fresh starting point).
    /// </summary>
    private sealed record Row(string Method, string Pattern, CaseStage? Case, bool Mutates, Dictionary<Caller, HttpStatusCode> Expected,
        Func<HttpClient, Target, Task<HttpResponseMessage>> Call);

    private static Dictionary<Caller, HttpStatusCode> Allow(HttpStatusCode ok, params Caller[] allowed) =>
        Enum.GetValues<Caller>().ToDictionary(c => c, c => c switch
        {
            _ when allowed.Contains(c) => ok,
            Caller.NoKey or Caller.WrongKey => HttpStatusCode.Unauthorized,
            _ => HttpStatusCode.Forbidden,
        });

    private static Dictionary<Caller, HttpStatusCode> AnyKey(HttpStatusCode ok) =>
        Allow(ok, Caller.Channel, Caller.Agent, Caller.Admin, Caller.OwnDepartment, Caller.OtherDepartment, Caller.CitySupervisor, Caller.AttachedSupervisor, Caller.Partner);

    private static Dictionary<Caller, HttpStatusCode> Anonymous(HttpStatusCode ok) => Enum.GetValues<Caller>().ToDictionary(c => c, _ => ok);

    private static Dictionary<Caller, HttpStatusCode> WithStatus(Dictionary<Caller, HttpStatusCode> expected, Caller caller, HttpStatusCode status)
    {
        expected[caller] = status;
        return expected;
    }

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private static readonly Caller[] Dispatchers = [Caller.Agent, Caller.Admin];
    private static readonly Caller[] Oversight = [Caller.Agent, Caller.Admin, Caller.CitySupervisor, Caller.AttachedSupervisor];
    /// <summary>Staff whose scope covers the own department (CallerScope); the channel and the other department are outside it.</summary>
    private static readonly Caller[] OwnScope = [Caller.Agent, Caller.Admin, Caller.OwnDepartment, Caller.CitySupervisor, Caller.AttachedSupervisor];

    private static Task<HttpResponseMessage> Get(HttpClient c, string path) => c.GetAsync(path);

    private static Row Command(string verb, CaseStage from, object body, params Caller[] allowed) =>
        new("POST", $"/api/cases/{{id}}/{verb}", from, true, Allow(Ok, allowed), (c, t) => c.PostJson($"/api/cases/{t.CaseId}/{verb}", body));

    private static Row CoCommand(string verb, CaseStage from, object body) =>
        new("POST", $"/api/cases/{{id}}/co/{{departmentId}}/{verb}", from, true, Allow(Ok, Caller.OwnDepartment), (c, t) => c.PostJson($"/api/cases/{t.CaseId}/co/{Own}/{verb}", body));

    private static Row Dashboard(string pattern, string path) =>
        new("GET", pattern, null, false, Allow(Ok, Caller.Admin), (c, _) => c.GetAsync(path, HttpCompletionOption.ResponseHeadersRead));

    /// <summary>A dashboard route about one silo: called with this silo's parsable address.</summary>
    private static Row SiloDashboard(string pattern, string prefix) =>
        new("GET", pattern, null, false, Allow(Ok, Caller.Admin), (c, t) => c.GetAsync(prefix + t.Silo, HttpCompletionOption.ResponseHeadersRead));

    private static readonly Row[] Rows =
    [
        new("POST", "/api/cases/", null, true, Allow(HttpStatusCode.Created, Caller.Channel, Caller.Agent, Caller.Partner),
            (c, _) => c.PostJson("/api/cases", Api.Intake("construction-noise", "jinshui"))),
        new("GET", "/api/cases/", CaseStage.Dispatched, false, Allow(Ok, OwnScope), (c, _) => Get(c, $"/api/cases?department={Own}")),
        // A channel reads only the cases it took (CallerScope; tracking numbers are public in the Open311 list, ADR-022):
        // this one was taken by an agent.
        new("GET", "/api/cases/{id}", CaseStage.Dispatched, false, Allow(Ok, OwnScope), (c, t) => Get(c, $"/api/cases/{t.CaseId}")),
        // Verifying the history chain is an audit task: admins and supervisors whose scope holds the case.
        new("GET", "/api/cases/{id}/verify", CaseStage.Dispatched, false, Allow(Ok, Caller.Admin, Caller.CitySupervisor, Caller.AttachedSupervisor),
            (c, t) => Get(c, $"/api/cases/{t.CaseId}/verify")),
        Command("acknowledge", CaseStage.Dispatched, new { }, Caller.OwnDepartment),
        Command("start", CaseStage.Acknowledged, new { }, Caller.OwnDepartment),
        Command("reply", CaseStage.Acknowledged, new { text = "Inspectors went" }, Caller.OwnDepartment),
        Command("resolve", CaseStage.Replied, new { text = "Site fined" }, Caller.OwnDepartment),
        Command("return", CaseStage.Dispatched, new { reason = "Not ours" }, Caller.OwnDepartment),
        // Who of the department handles it (issue 13): the department; assigning names one of its clerks (StaffAccountTests: only the head among people).
        Command("claim", CaseStage.Dispatched, new { }, Caller.OwnDepartment),
        Command("assign", CaseStage.Dispatched, new { clerk = "zhao.lei" }, Caller.OwnDepartment),
        Command("dispatch", CaseStage.Dispatched, new { departmentId = Other, reason = "Water main" }, Dispatchers),
        Command("close", CaseStage.Resolved, new { }, Dispatchers),
        Command("reopen", CaseStage.Resolved, new { reason = "Piling again" }, Dispatchers),
        Command("callback", CaseStage.Resolved, new { satisfaction = "satisfied" }, Dispatchers),
        // A co-department's part of a joint case (ADR-027): the case is led by the other department, the own one co-handles it;
        // only the co-department acts on its part, the lead may not act as a co-department.
        CoCommand("acknowledge", CaseStage.CoAssigned, new { }),
        CoCommand("reply", CaseStage.CoAcknowledged, new { text = "Noise measured at night" }),
        CoCommand("release", CaseStage.CoAssigned, new { reason = "Not noise: a water main" }),
        new("POST", "/api/partners/{lineId}/cases/{id}/outcome", CaseStage.TransferredToPartner, true, Allow(Ok, Caller.Partner),
            (c, t) => c.PostJson($"/api/partners/{PartnerLine}/cases/{t.CaseId}/outcome", new { outcome = "resolved", note = "Bill corrected" })),
        new("GET", "/api/departments/", null, false, AnyKey(Ok), (c, _) => Get(c, "/api/departments")),
        new("GET", "/api/departments/{id}/inbox", null, false, Allow(Ok, OwnScope), (c, _) => Get(c, $"/api/departments/{Own}/inbox")),
        new("GET", "/api/departments/{id}/stats", null, false, Allow(Ok, OwnScope), (c, _) => Get(c, $"/api/departments/{Own}/stats")),
        new("GET", "/api/departments/{id}/supervision", null, false, Allow(Ok, OwnScope), (c, _) => Get(c, $"/api/departments/{Own}/supervision")),
        new("GET", "/api/routing/rules/", null, false, Allow(Ok, Caller.Admin), (c, _) => Get(c, "/api/routing/rules")),
        new("PUT", "/api/routing/rules/", null, true, Allow(Ok, Caller.Admin), (c, _) => PutSame(c, "/api/routing/rules", "rules")),
        // The admin audit log (ADR-023): admins only.
        new("GET", "/api/audit/", null, false, Allow(Ok, Caller.Admin), (c, _) => Get(c, "/api/audit?kind=rules")),
        new("GET", "/api/audit/verify", null, false, Allow(Ok, Caller.Admin), (c, _) => Get(c, "/api/audit/verify")),
        new("GET", "/api/triage", null, false, Allow(Ok, Dispatchers), (c, _) => Get(c, "/api/triage")),
        new("POST", "/api/agents/me/sign-in", null, true, Allow(Ok, Dispatchers), (c, _) => c.PostJson("/api/agents/me/sign-in", null)),
        new("POST", "/api/agents/me/sign-out", null, true, Allow(Ok, Dispatchers), (c, _) => c.PostJson("/api/agents/me/sign-out", null)),
        // agent-li is the demo agent key: it sees itself; the admin sees everyone.
        new("GET", "/api/agents/{id}", null, false, Allow(Ok, Dispatchers), (c, _) => Get(c, "/api/agents/agent-li")),
        new("GET", "/api/city", null, false, AnyKey(Ok), (c, _) => Get(c, "/api/city")),
        new("GET", "/api/reports/monthly", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/reports/monthly")),
        new("GET", "/api/reports/quarterly", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/reports/quarterly")),
        new("GET", "/api/reports/annual", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/reports/annual")),
        // Citizens: no key at all; a wrong key on an anonymous route is ignored, not refused.
        new("GET", "/api/public/cases/{id}", CaseStage.Dispatched, true, Anonymous(Ok), (c, t) => Get(c, $"/api/public/cases/{t.CaseId}?phoneLast4=5678")),
        new("GET", "/api/discipline", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/discipline")),
        new("GET", "/api/knowledge/", null, false, Allow(Ok, Dispatchers), (c, _) => Get(c, "/api/knowledge")),
        new("GET", "/api/knowledge/suggest", null, false, Allow(Ok, Dispatchers), (c, _) => Get(c, "/api/knowledge/suggest?category=heating&text=when")),
        new("PUT", "/api/knowledge/", null, true, Allow(Ok, Caller.Admin), (c, _) => PutSame(c, "/api/knowledge", "entries")),
        new("GET", "/api/hotlines/", null, false, AnyKey(Ok), (c, _) => Get(c, "/api/hotlines")),
        new("POST", "/api/hotlines/", null, true, Allow(HttpStatusCode.Created, Caller.Admin), (c, _) => c.PostJson("/api/hotlines", TemporaryLine())),
        // Citizen notification counters (ADR-026): operations only.
        new("GET", "/api/notifications", null, false, Allow(Ok, Caller.Admin), (c, _) => Get(c, "/api/notifications")),
        // The console's session (ADR-024): anyone may ask who is signed in, sign in and sign out; a key on the request is ignored there.
        new("GET", "/api/session/", null, false, Anonymous(Ok), (c, _) => Get(c, "/api/session")),
        // Without a key the sign-in needs the antiforgery token of GET /api/session (StaffSessionTests signs in that way).
        new("POST", "/api/session/", null, false, WithStatus(Anonymous(Ok), Caller.NoKey, HttpStatusCode.BadRequest), (c, _) => c.PostJson("/api/session", new { login = "wang.fang", password = "demo-wang.fang" })),
        new("DELETE", "/api/session/", null, false, Anonymous(HttpStatusCode.NoContent), (c, _) => c.DeleteAsync("/api/session")),
        new("POST", "/api/staff/{login}/unlock", null, true, Allow(Ok, Caller.Admin), (c, _) => c.PostJson("/api/staff/wang.fang/unlock", null)),
        // The console's routing preview stores nothing (RoutingPreviewTests): dispatchers only, like the knowledge suggestions.
        new("POST", "/api/routing/preview", null, false, Allow(Ok, Dispatchers),
            (c, _) => c.PostJson("/api/routing/preview", new { category = "construction-noise", district = "jinshui", text = "piling at night" })),
        // The console's clerk worklist and live streams (ADR-025): the inbox's scope; the scoreboard shows each caller its own departments.
        new("GET", "/api/departments/{id}/desk", null, false, Allow(Ok, OwnScope), (c, _) => Get(c, $"/api/departments/{Own}/desk")),
        new("GET", "/api/live/departments/{id}", null, false, Allow(Ok, OwnScope),
            (c, _) => c.GetAsync($"/api/live/departments/{Own}", HttpCompletionOption.ResponseHeadersRead)),
        new("GET", "/api/live/scoreboard", null, false, Allow(Ok, [.. OwnScope, Caller.OtherDepartment]),
            (c, _) => c.GetAsync("/api/live/scoreboard", HttpCompletionOption.ResponseHeadersRead)),
        // Operations (README Quickstart): health is for probes, unauthenticated; the OpenAPI document is public.
        new("*", "/health/live", null, false, Anonymous(Ok), (c, _) => Get(c, "/health/live")),
        new("*", "/health/ready", null, false, Anonymous(Ok), (c, _) => Get(c, "/health/ready")),
        new("GET", "/openapi/{documentName}.json", null, false, Anonymous(Ok), (c, _) => Get(c, "/openapi/v1.json")),
        new("GET", "/", null, false, Anonymous(HttpStatusCode.Redirect), (c, _) => Get(c, "/")),
        // The Orleans dashboard: admin only outside Development (README; the fixture runs as Production).
        Dashboard("/dashboard/", "/dashboard/"),
        Dashboard("/dashboard/index.html", "/dashboard/index.html"),
        Dashboard("/dashboard/favicon.ico", "/dashboard/favicon.ico"),
        Dashboard("/dashboard/index.min.js", "/dashboard/index.min.js"),
        Dashboard("/dashboard/index.css", "/dashboard/index.css"),
        Dashboard("/dashboard/fonts/{**path}", "/dashboard/fonts/fa-solid-900.woff2"),
        Dashboard("/dashboard/img/{**path}", "/dashboard/img/OrleansLogo.png"),
        Dashboard("/dashboard/version", "/dashboard/version"),
        Dashboard("/dashboard/DashboardCounters", "/dashboard/DashboardCounters"),
        Dashboard("/dashboard/ClusterStats", "/dashboard/ClusterStats"),
        Dashboard("/dashboard/Reminders", "/dashboard/Reminders"),
        Dashboard("/dashboard/Reminders/{page:int}", "/dashboard/Reminders/1"),
        SiloDashboard("/dashboard/HistoricalStats/{*path}", "/dashboard/HistoricalStats/"),
        SiloDashboard("/dashboard/SiloProperties/{*address}", "/dashboard/SiloProperties/"),
        SiloDashboard("/dashboard/SiloMetadata/{*address}", "/dashboard/SiloMetadata/"),
        SiloDashboard("/dashboard/SiloStats/{*address}", "/dashboard/SiloStats/"),
        SiloDashboard("/dashboard/SiloCounters/{*address}", "/dashboard/SiloCounters/"),
        Dashboard("/dashboard/GrainStats/{*grainName}", "/dashboard/GrainStats/Dispatcher.Grains.Cases.CaseGrain"),
        Dashboard("/dashboard/TopGrainMethods", "/dashboard/TopGrainMethods"),
        Dashboard("/dashboard/GrainState", "/dashboard/GrainState"),
        Dashboard("/dashboard/LifecycleStages", "/dashboard/LifecycleStages"),
        Dashboard("/dashboard/GrainTypes", "/dashboard/GrainTypes"),
        // Open311 (ADR-022): reads are public; create authenticates by the api_key form field (the caller's key travels there):
        // a channel's or a partner line's key may create, any other key or none is 403 in Open311's shape.
        new("GET", "/open311/v2/discovery.{format}", null, false, Anonymous(Ok), (c, _) => Get(c, "/open311/v2/discovery.xml")),
        new("GET", "/open311/v2/services.{format}", null, false, Anonymous(Ok), (c, _) => Get(c, "/open311/v2/services.json")),
        new("GET", "/open311/v2/services/{service_code}.{format}", null, false, Anonymous(Ok), (c, _) => Get(c, "/open311/v2/services/construction-noise.xml")),
        new("GET", "/open311/v2/tokens/{token}.{format}", null, false, Anonymous(HttpStatusCode.NotFound), (c, _) => Get(c, "/open311/v2/tokens/any.xml")),
        new("GET", "/open311/v2/requests.{format}", CaseStage.Dispatched, false, Anonymous(Ok), (c, _) => Get(c, "/open311/v2/requests.json?page_size=5")),
        new("GET", "/open311/v2/requests/{service_request_id}.{format}", CaseStage.Dispatched, false, Anonymous(Ok), (c, t) => Get(c, $"/open311/v2/requests/{t.CaseId}.xml")),
        new("GET", "/open311/v2/servicerequestupdates.{format}", CaseStage.Dispatched, false, Anonymous(Ok), (c, _) => Get(c, "/open311/v2/servicerequestupdates.json?page_size=5")),
        new("POST", "/open311/v2/requests.{format}", null, true,
            Allow(HttpStatusCode.Created, Caller.Channel, Caller.Partner).ToDictionary(e => e.Key, e => e.Value == HttpStatusCode.Unauthorized ? HttpStatusCode.Forbidden : e.Value),
            (c, _) => Open311Create(c)),
        new("*", "/open311/v2/{**path}", null, false, Anonymous(HttpStatusCode.NotFound), (c, _) => Get(c, "/open311/v2/no-such-method.json")),
        // Surge mode (ADR-028): operators (dispatchers and supervisors) open, edit, close and watch incidents; the notices are public.
        new("POST", "/api/surges/", null, true, Allow(HttpStatusCode.Created, Oversight), (c, _) => c.PostJson("/api/surges", SurgeOpening(NextSurgeDistrict()))),
        new("GET", "/api/surges/", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/surges?status=open")),
        new("GET", "/api/surges/view", null, false, Allow(Ok, Oversight), (c, _) => Get(c, "/api/surges/view")),
        new("GET", "/api/surges/{id}", null, false, Allow(Ok, Oversight), async (c, _) => await Get(c, $"/api/surges/{await OpenSurge(c)}")),
        new("PUT", "/api/surges/{id}", null, true, Allow(Ok, Oversight),
            async (c, _) => await c.PutAsJsonAsync($"/api/surges/{await OpenSurge(c)}", new { notice = "Repairs under way, water back by 20:00." })),
        new("POST", "/api/surges/{id}/close", null, true, Allow(HttpStatusCode.Accepted, Oversight),
            async (c, _) => await c.PostJson($"/api/surges/{await OpenSurge(c)}/close", new { outcome = "Main repaired" })),
        new("GET", "/api/public/notices", null, false, Anonymous(Ok), (c, _) => Get(c, "/api/public/notices")),
        // The trace stream is switched off (SiloSetup: HideTrace): refused even to the admin.
        new("GET", "/dashboard/Trace", null, false, Allow(Ok), (c, _) => c.GetAsync("/dashboard/Trace", HttpCompletionOption.ResponseHeadersRead)),
    ];

    [Fact]
    public async Task Every_mapped_route_answers_every_kind_of_caller_with_the_intended_status_and_a_refusal_changes_nothing()
    {
        var rows = Rows.ToDictionary(r => $"{r.Method} {r.Pattern}");
        var mapped = MappedRoutes();
        var failures = mapped.Where(m => !rows.ContainsKey(m)).Select(m => $"{m}: mapped, but has no row of expected statuses").ToList();
        failures.AddRange(rows.Keys.Where(k => !mapped.Contains(k)).Select(k => $"{k}: has a row, but the host does not map it"));

        var clients = Keys.ToDictionary(k => k.Key, k => Client(k.Value));
        var admin = clients[Caller.Admin];
        foreach (var row in Rows.Where(r => mapped.Contains($"{r.Method} {r.Pattern}")))
        {
            var name = $"{row.Method} {row.Pattern}";
            var shared = await Prepare(row);
            foreach (var (caller, expected) in row.Expected.OrderBy(e => IsSuccess(e.Value)))
            {
                var refused = !IsSuccess(expected);
                var target = refused || !row.Mutates ? shared : await Prepare(row);
                var before = await Fingerprint(admin, row.Pattern, target.CaseId);
                using var response = await row.Call(clients[caller], target);
                var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected)
                    failures.Add($"{name} as {caller}: expected {(int)expected}, got {(int)response.StatusCode} {Trim(body)}");
                if (refused && await Fingerprint(admin, row.Pattern, target.CaseId) is var after && after != before)
                    failures.Add($"{name} as {caller}: a refused call changed state from '{before}' to '{after}'");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} route × caller mismatches:\n" + string.Join("\n", failures));
    }

    /// <summary>For every case command: a stage from which the case's state does not allow it.</summary>
    private static readonly Dictionary<string, CaseStage> RefusingStage = new()
    {
        ["/api/cases/{id}/acknowledge"] = CaseStage.Resolved,
        ["/api/cases/{id}/start"] = CaseStage.Dispatched,
        ["/api/cases/{id}/reply"] = CaseStage.Dispatched,
        ["/api/cases/{id}/resolve"] = CaseStage.Dispatched,
        ["/api/cases/{id}/return"] = CaseStage.Resolved,
        ["/api/cases/{id}/dispatch"] = CaseStage.Resolved,
        ["/api/cases/{id}/claim"] = CaseStage.Resolved,
        ["/api/cases/{id}/assign"] = CaseStage.Resolved,
        ["/api/cases/{id}/close"] = CaseStage.Dispatched,
        ["/api/cases/{id}/reopen"] = CaseStage.Dispatched,
        ["/api/cases/{id}/callback"] = CaseStage.Dispatched,
        ["/api/cases/{id}/co/{departmentId}/acknowledge"] = CaseStage.CoAcknowledged,
        ["/api/cases/{id}/co/{departmentId}/reply"] = CaseStage.CoAssigned,
        ["/api/cases/{id}/co/{departmentId}/release"] = CaseStage.CoReplied,
        // Its own line, but the case is no longer transferred: the partner already reported (below).
        ["/api/partners/{lineId}/cases/{id}/outcome"] = CaseStage.TransferredToPartner,
    };

    [Fact]
    public async Task Every_case_route_answers_404_for_an_unknown_case_and_every_command_409_in_a_state_that_does_not_allow_it()
    {
        var failures = new List<string>();
        var admin = Client(Admin);
        var numbers = host.Services.GetRequiredService<TrackingNumbers>();
        foreach (var row in Rows.Where(r => r.Case is not null && r.Pattern.Contains("{id}", StringComparison.Ordinal)))
        {
            var name = $"{row.Method} {row.Pattern}";
            var caller = row.Expected.First(e => IsSuccess(e.Value)).Key;
            using var client = Client(Keys[caller]);
            using (var unknown = await row.Call(client, new Target(numbers.NewRandom(), "")))
                if (unknown.StatusCode != HttpStatusCode.NotFound) failures.Add($"{name} as {caller} on an unknown case: expected 404, got {(int)unknown.StatusCode}");
            if (!RefusingStage.TryGetValue(row.Pattern, out var stage))
            {
                if (row.Method == "POST") failures.Add($"{name}: a command without a refusing stage");
                continue;
            }
            var target = await Prepare(row with { Case = stage });
            if (stage == CaseStage.TransferredToPartner)
            {
                using var reported = await row.Call(client, target);
                Assert.True(reported.StatusCode == HttpStatusCode.OK, $"{name}: the partner's first outcome: {(int)reported.StatusCode}");
            }
            var before = await Fingerprint(admin, row.Pattern, target.CaseId);
            using var refused = await row.Call(client, target);
            if (refused.StatusCode != HttpStatusCode.Conflict)
                failures.Add($"{name} as {caller} on a case at {stage}: expected 409, got {(int)refused.StatusCode} {Trim(await refused.Content.ReadAsStringAsync())}");
            if (await Fingerprint(admin, row.Pattern, target.CaseId) is var after && after != before)
                failures.Add($"{name} as {caller}: a refused command changed the case from '{before}' to '{after}'");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>"METHOD pattern" for every route endpoint the host maps ("*" for any method).</summary>
    private HashSet<string> MappedRoutes() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

    private HttpClient Client(string? key)
    {
        // A loopback address of its own: the per-client citizen lookup budget is not shared with other tests.
        var client = host.ClientFrom(IPAddress.Parse("127.0.0.73"), followRedirects: false);
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<Target> Prepare(Row row) =>
        new(row.Case is { } stage ? await host.NewCaseAt(stage) : null, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());

    /// <summary>What a refused call must not change: the case's status and history length, or the row's resource.</summary>
    private static async Task<string> Fingerprint(HttpClient admin, string pattern, string? id)
    {
        if (id is not null)
        {
            var view = await ReadOk(admin, $"/api/cases/{id}");
            return $"{view["status"]} with {view["history"]!.AsArray().Count} history entries";
        }
        return pattern switch
        {
            "/api/cases/" or "/open311/v2/requests.{format}" => $"{await admin.TotalCases()} cases",
            "/api/routing/rules/" => $"rules version {(await ReadOk(admin, "/api/routing/rules"))["version"]}",
            "/api/knowledge/" => $"knowledge version {(await ReadOk(admin, "/api/knowledge"))["version"]}",
            "/api/hotlines/" => $"{(await ReadOk(admin, "/api/hotlines"))["lines"]!.AsArray().Count} lines",
            "/api/surges/" => $"{(await ReadOk(admin, "/api/surges"))["items"]!.AsArray().Count} surges",
            "/api/surges/{id}" or "/api/surges/{id}/close" => $"{await OpenSurge(admin)}: " +
                string.Join(",", (await ReadOk(admin, "/api/surges"))["items"]!.AsArray().Select(s => $"{s!["id"]} {s["status"]} {s["notice"]}")),
            _ => "",
        };
    }

    private static async Task<JsonObject> ReadOk(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Json();
    }

    /// <summary>PUT back what an admin reads (same content, current version): the only PUT that may succeed without changing meaning.</summary>
    private static async Task<HttpResponseMessage> PutSame(HttpClient caller, string path, string list)
    {
        using var admin = new HttpClient { BaseAddress = caller.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", DispatcherHostFixture.Admin);
        var current = await ReadOk(admin, path);
        return await caller.PutAsJsonAsync(path, new JsonObject { ["expectedVersion"] = current["version"]!.DeepClone(), [list] = current[list]!.DeepClone() });
    }

    /// <summary>An Open311 create with the caller's key (the client's X-Api-Key, if any) as the api_key form field.</summary>
    private static Task<HttpResponseMessage> Open311Create(HttpClient caller)
    {
        var form = new Dictionary<string, string>
        {
            ["service_code"] = "construction-noise", ["attribute[district]"] = "jinshui", ["description"] = "Piling after midnight",
            ["address_string"] = DistinctPlaces.Address("Matrix Road"), // distinct places: no duplicate merging
        };
        if (caller.DefaultRequestHeaders.TryGetValues("X-Api-Key", out var key)) form["api_key"] = key.Single();
        return caller.PostAsync("/open311/v2/requests.xml", new FormUrlEncodedContent(form));
    }

    /// <summary>Surge rows use a category no other test of the shared host reports, so their incidents join nothing of theirs.</summary>
    private const string SurgeCategory = "water-main-burst";
    private static readonly string[] SurgeDistricts = ["zhongyuan", "guancheng", "huiji", "shangjie", "zhengdong", "gaoxin", "zhongmou", "xinzheng", "erqi"];
    /// <summary>The pair of the rows about one incident (not among <see cref="SurgeDistricts"/>).</summary>
    private const string SurgeRowDistrict = "jinshui";
    private static int _surgeDistrict;

    /// <summary>Each caller that may open one opens its own: one incident per pair can be open.</summary>
    private static string NextSurgeDistrict() => SurgeDistricts[Interlocked.Increment(ref _surgeDistrict) % SurgeDistricts.Length];

    private static object SurgeOpening(string district) => new
    {
        category = SurgeCategory, district, title = "Matrix burst main", notice = "Known, being repaired", script = "Take details; it joins the incident",
    };

    /// <summary>
    /// The id of an open incident for the rows about one: opened by the admin when the rows' pair has
    /// none open. The fingerprint of those rows calls it first, so a refused call finds it open already.
    /// </summary>
    private static async Task<string> OpenSurge(HttpClient caller)
    {
        using var admin = new HttpClient { BaseAddress = caller.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", Admin);
        var opened = await admin.PostJson("/api/surges", SurgeOpening(SurgeRowDistrict));
        if (opened.StatusCode == HttpStatusCode.Created) return (string)(await opened.Json())["id"]!;
        Assert.Equal(HttpStatusCode.Conflict, opened.StatusCode);
        var open = await admin.GetFromJsonAsync<JsonObject>("/api/surges?status=open");
        return (string)open!["items"]!.AsArray().First(s => (string?)s!["category"] == SurgeCategory && (string?)s["district"] == SurgeRowDistrict)!["id"]!;
    }

    private static object TemporaryLine() => new
    {
        id = "matrix-" + Guid.NewGuid().ToString("N")[..8], number = "0371-96131", name = "Matrix test line", kind = "temporary",
        temporary = new { approvedBy = "Municipal government", approvalReference = "ZZ-GOV-2026-121", start = "2026-12-01", end = "2027-02-28" },
    };

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 400;

    private static string Trim(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
