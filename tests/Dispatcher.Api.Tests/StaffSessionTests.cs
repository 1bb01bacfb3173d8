using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// People sign in to the console with a staff account (ADR-024): the cookie session carries the same
/// role and department claims as a key, changes need the antiforgery token, wrong passwords lock the
/// login cluster-wide, and the person is the actor in the case history.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class StaffSessionTests(DispatcherHostFixture host)
{
    private const string Jinshui = CaseStages.Jinshui;

    private StaffSessionClient Browser() => new(host.BaseAddress);

    [Fact]
    public async Task A_clerk_signs_in_with_an_http_only_strict_cookie_and_sees_only_its_own_department()
    {
        using var clerk = Browser();
        using var signIn = await clerk.SignIn("zhao.lei", StaffSessionClient.DemoPassword("zhao.lei"));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dispatcher-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await clerk.Http.GetFromJsonAsync<JsonObject>("/api/session");
        Assert.Equal("zhao.lei", session!["login"]!.GetValue<string>());
        Assert.Equal("department", session["role"]!.GetValue<string>());
        Assert.Equal(Jinshui, session["departmentId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.GetAsync($"/api/departments/{Jinshui}/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/api/departments/city-water/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_answer()
    {
        using var browser = Browser();
        using var wrong = await browser.SignIn("wang.fang", "not-the-password");
        using var unknown = await browser.SignIn("nobody." + Guid.NewGuid().ToString("N")[..6], "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(Without(await wrong.Json(), "traceId"), Without(await unknown.Json(), "traceId"));
        Assert.False(browser.HasSessionCookie);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_login_even_for_the_right_password_until_an_admin_unlocks_it()
    {
        const string login = "zhou.min";
        using var browser = Browser();
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await browser.SignIn(login, "guess-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var fifth = await browser.SignIn(login, "guess-5");
        Assert.Equal((HttpStatusCode)429, fifth.StatusCode);
        Assert.True(fifth.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14), $"Retry-After: {fifth.Headers.RetryAfter}");

        // Locked: the right password does not open it, and a second browser gets the same (held by the cluster, not the client).
        using var other = Browser();
        using var right = await other.SignIn(login, StaffSessionClient.DemoPassword(login));
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
        Assert.Equal("locked", (await right.Json())["code"]!.GetValue<string>());
        Assert.False(other.HasSessionCookie);

        // An unknown login locks alike, so a lock tells nothing about whether a login exists.
        var ghost = "ghost." + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= 4; i++) (await browser.SignIn(ghost, "x" + i)).Dispose();
        using var ghostFifth = await browser.SignIn(ghost, "x5");
        Assert.Equal((HttpStatusCode)429, ghostFifth.StatusCode);

        using var unlock = await host.Client(Admin).PostJson($"/api/staff/{login}/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.False((await unlock.Json())["locked"]!.GetValue<bool>());
        using var again = await other.SignIn(login, StaffSessionClient.DemoPassword(login));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // The lock-out and the admin's unlock are account changes in the audit log (ADR-023).
        var audit = await host.Client(Admin).GetFromJsonAsync<JsonObject>("/api/audit?kind=accounts&pageSize=200");
        var entries = audit!["items"]!.AsArray().Select(e => (By: e!["by"]!.GetValue<string>(), Summary: e["summary"]!.GetValue<string>())).ToList();
        Assert.Contains(entries, e => e.By == "sign-in guard" && e.Summary.StartsWith($"login {login} locked until", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.By.Contains("admin", StringComparison.OrdinalIgnoreCase) && e.Summary == $"sign-in lock of login {login} lifted");
    }

    [Fact]
    public async Task A_change_through_the_session_without_the_antiforgery_token_is_refused_with_400_and_stores_nothing()
    {
        using var taker = await Browser().SignedInAs("zhang.wei");
        var agent = host.Client(AgentKey);
        var before = await agent.TotalCases();

        using var refused = await taker.Send(HttpMethod.Post, "/api/cases", Api.Intake("construction-noise", "jinshui"), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var forged = await taker.Send(HttpMethod.Post, "/api/cases", Api.Intake("construction-noise", "jinshui"), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await agent.TotalCases());

        // The sign-in itself needs the token too (no login forgery from a foreign page).
        using var fresh = Browser();
        using var noToken = await fresh.Send(HttpMethod.Post, "/api/session", new { login = "zhang.wei", password = StaffSessionClient.DemoPassword("zhang.wei") });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.False(fresh.HasSessionCookie);

        using var accepted = await taker.Send(HttpMethod.Post, "/api/cases", Api.Intake("construction-noise", "jinshui"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_key_is_the_keys_even_with_a_session_cookie_and_needs_no_antiforgery_token()
    {
        using var clerk = await Browser().SignedInAs("li.ming"); // city-water
        clerk.Http.DefaultRequestHeaders.Add("X-Api-Key", AgentKey);

        // The agent key may read Jinshui's inbox, the city-water clerk may not: the key decides.
        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.GetAsync($"/api/departments/{Jinshui}/inbox")).StatusCode);
        using var taken = await clerk.Send(HttpMethod.Post, "/api/cases", Api.Intake("construction-noise", "jinshui"), withToken: false);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var history = (await (await host.Client(Admin).GetAsync($"/api/cases/{(await taken.Json())["id"]}")).Json())["history"]!.AsArray();
        Assert.Equal("Agent:agent-li", history[0]!["actor"]!.GetValue<string>());

        // No key and no session: 401, with the same challenge as before.
        using var nobody = await host.Client().GetAsync("/api/departments");
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Contains("ApiKey", nobody.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_signed_in_is_the_actor_in_the_case_history()
    {
        using var taker = await Browser().SignedInAs("zhang.wei");
        using var clerk = await Browser().SignedInAs("zhao.lei");

        using var taken = await taker.Send(HttpMethod.Post, "/api/cases", Api.Intake("construction-noise", "jinshui"));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Json())["id"]!.GetValue<string>();
        using var acknowledged = await clerk.Send(HttpMethod.Post, $"/api/cases/{id}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        var view = await (await host.Client(Admin).GetAsync($"/api/cases/{id}")).Json();
        var actors = view["history"]!.AsArray().Select(h => h!["actor"]!.GetValue<string>()).ToList();
        Assert.Equal("Agent:zhang.wei", actors[0]);
        Assert.Contains($"Department:zhao.lei@{Jinshui}", actors);
        Assert.Equal("zhang.wei", view["takenByAgent"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var clerk = await Browser().SignedInAs("chen.jing");
        Assert.Equal(HttpStatusCode.OK, (await clerk.Http.GetAsync($"/api/departments/{Jinshui}/inbox")).StatusCode);

        using var signOut = await clerk.Send(HttpMethod.Delete, "/api/session");
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.False(clerk.HasSessionCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.Http.GetAsync($"/api/departments/{Jinshui}/inbox")).StatusCode);
        Assert.False((await clerk.Http.GetFromJsonAsync<JsonObject>("/api/session"))!["signedIn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_dashboard_opens_with_an_admins_session_and_refuses_a_clerks()
    {
        using var admin = await Browser().SignedInAs("gao.qiang");
        using var page = await admin.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        using var clerk = await Browser().SignedInAs("zhao.lei");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.Http.GetAsync("/dashboard/")).StatusCode);
    }

    private static string Without(JsonObject body, string field)
    {
        body.Remove(field);
        return body.ToJsonString();
    }
}
