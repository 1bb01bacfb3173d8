using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Fake closure (虚假办结) in the quarterly review, JSON and CSV. Today's workflow lets a department
/// resolve only a replied case and a callback follow only a resolution, so neither sign can be made
/// through the commands: the cases are stored the way a migration from the city's previous platform
/// stores them — chained histories written into the host's grain storage — and re-indexed by the
/// case grain itself (Reconcile), which computes the signs from the history.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class FakeClosureReportTests(DispatcherHostFixture host)
{
    private const string Dept = "jinshui-environment";

    private async Task<string> Imported(params (CaseAction Action, CaseStatus To)[] steps)
    {
        var id = host.Services.GetRequiredService<TrackingNumbers>().NewRandom();
        var now = DateTimeOffset.UtcNow;
        var state = new CaseState
        {
            Id = id, CreatedAt = now, AssignedAt = now, DepartmentId = Dept,
            Intake = new CaseIntake("phone", "construction-noise", "jinshui", "Huayuan Rd", "Piling at night", [], new CitizenContact("Zhang San", "13812345678"), CasePriority.Normal),
        };
        var from = CaseStatus.Received;
        foreach (var (action, to) in steps)
        {
            var actor = action switch
            {
                CaseAction.Submit => new Actor(ActorKind.Channel, "legacy-import"),
                CaseAction.Callback => new Actor(ActorKind.Agent, "agent-li"),
                CaseAction.Route => Actor.System,
                _ => new Actor(ActorKind.Department, "clerk-1", Dept),
            };
            var at = now.AddMinutes(state.History.Count);
            state.History.Add(HistoryChain.Link(id, state.History.LastOrDefault(),
                new HistoryEntry(state.History.Count + 1, at, actor, action, from, to, action == CaseAction.Submit ? null : Dept, "imported", null)));
            (from, state.Status, state.UpdatedAt) = (to, to, at);
        }
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(DispatcherNames.CaseStorage);
        await storage.WriteStateAsync("case", GrainId.Create("case", id), new GrainState<CaseState>(state));
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(id).Reconcile();
        return id;
    }

    [Fact]
    public async Task Both_kinds_of_fake_closure_are_flagged_with_their_reason_in_json_and_csv()
    {
        var withoutReply = await Imported((CaseAction.Submit, CaseStatus.Received), (CaseAction.Route, CaseStatus.Dispatched),
            (CaseAction.Acknowledge, CaseStatus.Acknowledged), (CaseAction.Resolve, CaseStatus.Resolved));
        var neverAcknowledged = await Imported((CaseAction.Submit, CaseStatus.Received), (CaseAction.Route, CaseStatus.Dispatched),
            (CaseAction.Reply, CaseStatus.Replied), (CaseAction.Resolve, CaseStatus.Resolved), (CaseAction.Callback, CaseStatus.Closed));
        var verify = await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/cases/{neverAcknowledged}/verify");
        Assert.True(verify!["valid"]!.GetValue<bool>(), verify.ToJsonString());

        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var quarter = $"{now.Year}-Q{(now.Month - 1) / 3 + 1}";
        var review = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/reports/quarterly?quarter={quarter}"))!;
        JsonNode Item(string id) => review["cases"]!.AsArray().Single(c => c!["caseId"]!.GetValue<string>() == id)!;
        string[] Strings(JsonNode node) => node.AsArray().Select(r => r!.GetValue<string>()).ToArray();

        Assert.True(Item(withoutReply)["suspectedFakeClosure"]!.GetValue<bool>());
        Assert.Equal([FakeClosureRule.ResolvedWithoutReplyReason], Strings(Item(withoutReply)["fakeClosureReasons"]!));
        Assert.Equal([FakeClosureRule.ResolvedWithoutReplyReason], Strings(Item(withoutReply)["reasons"]!));
        Assert.True(Item(neverAcknowledged)["suspectedFakeClosure"]!.GetValue<bool>());
        Assert.Equal([FakeClosureRule.SatisfiedWithoutAcknowledgeReason], Strings(Item(neverAcknowledged)["fakeClosureReasons"]!));

        var csv = (await host.Client(Admin).GetStringAsync($"/api/reports/quarterly?quarter={quarter}&format=csv")).Split("\r\n");
        Assert.EndsWith(",reasons,suspectedFakeClosure,fakeClosureReasons", csv[0]);
        Assert.EndsWith($",True,{FakeClosureRule.ResolvedWithoutReplyReason}", csv.Single(l => l.StartsWith(withoutReply + ",", StringComparison.Ordinal)));
        Assert.EndsWith($",True,{FakeClosureRule.SatisfiedWithoutAcknowledgeReason}", csv.Single(l => l.StartsWith(neverAcknowledged + ",", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_case_handled_through_the_workflow_is_not_flagged()
    {
        var id = await host.Client(AgentKey).Submit(Api.Intake("construction-noise", "jinshui"));
        var dept = host.Client(DispatcherHostFixture.Dept(Dept));
        foreach (var (verb, body) in new (string, object?)[] { ("acknowledge", null), ("reply", new { text = "Stopped" }), ("resolve", new { text = "Fined" }) })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/{verb}", body)).StatusCode);
        var reopen = await host.Client(AgentKey).PostJson($"/api/cases/{id}/reopen", new { reason = "noise is back" });
        Assert.Equal(System.Net.HttpStatusCode.OK, reopen.StatusCode);

        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var review = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/reports/quarterly?quarter={now.Year}-Q{(now.Month - 1) / 3 + 1}"))!;
        var item = review["cases"]!.AsArray().Single(c => c!["caseId"]!.GetValue<string>() == id)!;
        Assert.False(item["suspectedFakeClosure"]!.GetValue<bool>());
        Assert.Equal(["reopened"], item["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
    }
}
