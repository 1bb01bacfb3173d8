using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>A clerk claims a case; the department's head assigns it; the worklist filters on it (issue 13).</summary>
[Collection(HostCollection.Name)]
public sealed class ClaimTests(DispatcherHostFixture host)
{
    private const string Jinshui = CaseStages.Jinshui;

    [Fact]
    public async Task A_clerk_claims_the_head_reassigns_and_the_worklist_shows_mine_and_unassigned()
    {
        using var clerk = await new StaffSessionClient(host.BaseAddress).SignedInAs("zhao.lei");
        using var head = await new StaffSessionClient(host.BaseAddress).SignedInAs("chen.jing");
        var agent = host.Client(AgentKey);
        var claimed = await agent.Submit(Api.Intake("construction-noise", "jinshui"));
        var open = await agent.Submit(Api.Intake("construction-noise", "jinshui"));

        using (var claim = await clerk.Send(HttpMethod.Post, $"/api/cases/{claimed}/claim", new { }))
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Contains(claimed, await Desk(clerk, "mine"));
        Assert.DoesNotContain(open, await Desk(clerk, "mine"));
        Assert.Contains(open, await Desk(clerk, "unassigned"));
        Assert.DoesNotContain(claimed, await Desk(clerk, "unassigned"));

        // A clerk may not assign; the head may, to a clerk of the department only.
        using (var refused = await clerk.Send(HttpMethod.Post, $"/api/cases/{open}/assign", new { clerk = "zhao.lei" }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var stranger = await head.Send(HttpMethod.Post, $"/api/cases/{open}/assign", new { clerk = "li.ming" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
            Assert.True((await stranger.Json())["errors"]!.AsObject().ContainsKey("clerk"));
        }
        using (var assigned = await head.Send(HttpMethod.Post, $"/api/cases/{open}/assign", new { clerk = "zhao.lei" }))
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Contains(open, await Desk(clerk, "mine"));

        var view = await (await host.Client(Admin).GetAsync($"/api/cases/{open}")).Json();
        Assert.Equal("zhao.lei", view["claimedBy"]!.GetValue<string>());
        var last = view["history"]!.AsArray()[^1]!;
        Assert.Equal("claim", last["action"]!.GetValue<string>());
        Assert.Equal($"Department:chen.jing@{Jinshui}", last["actor"]!.GetValue<string>());
        Assert.Equal("assigned to zhao.lei", last["note"]!.GetValue<string>());

        // Another department's clerk may not claim it.
        using var water = await new StaffSessionClient(host.BaseAddress).SignedInAs("li.ming");
        using var foreign = await water.Send(HttpMethod.Post, $"/api/cases/{open}/claim", new { });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task A_dispatch_to_another_department_clears_the_claim()
    {
        using var clerk = await new StaffSessionClient(host.BaseAddress).SignedInAs("zhao.lei");
        var agent = host.Client(AgentKey);
        var id = await agent.Submit(Api.Intake("construction-noise", "jinshui"));
        (await clerk.Send(HttpMethod.Post, $"/api/cases/{id}/claim", new { })).Dispose();
        using var moved = await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "city-water", reason = "Water main" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var view = await (await agent.GetAsync($"/api/cases/{id}")).Json();
        Assert.Null(view["claimedBy"]?.GetValue<string>());
    }

    private static async Task<List<string>> Desk(StaffSessionClient client, string filter) =>
        (await client.Http.GetFromJsonAsync<JsonArray>($"/api/departments/{Jinshui}/desk?filter={filter}"))!
            .Select(i => i!["caseId"]!.GetValue<string>()).ToList();
}
