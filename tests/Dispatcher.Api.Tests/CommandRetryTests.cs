using System.Net;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// A client that lost the answer sends the command again with the same Idempotency-Key (README "HTTP
/// API"): the second answer is the first one, the history gains one entry, and the department
/// counters count once — compared with the same command sent once on a twin case.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CommandRetryTests(DispatcherHostFixture host)
{
    private const string Own = CaseStages.Jinshui;
    private const string Other = "city-water";

    /// <summary>A command: who sends it, to which path, with which body, from which stage, and the counter it must move by one.</summary>
    public sealed record Command(string Name, CaseStage From, string Key, string Verb, object Body, string? Counter)
    {
        public override string ToString() => Name;
    }

    private static readonly Command[] Commands =
    [
        new("acknowledge", CaseStage.Dispatched, Dept(Own), "acknowledge", new { }, "acknowledged"),
        new("start", CaseStage.Acknowledged, Dept(Own), "start", new { }, null),
        new("reply", CaseStage.Acknowledged, Dept(Own), "reply", new { text = "Inspectors stopped the piling" }, "replied"),
        new("resolve", CaseStage.Replied, Dept(Own), "resolve", new { text = "Site fined" }, "resolved"),
        new("return", CaseStage.Dispatched, Dept(Own), "return", new { reason = "Not ours" }, "returned"),
        new("dispatch", CaseStage.Dispatched, AgentKey, "dispatch", new { departmentId = Other, reason = "A water main, not piling" }, "withdrawn"),
        new("close", CaseStage.Resolved, AgentKey, "close", new { }, null),
        new("reopen", CaseStage.Resolved, AgentKey, "reopen", new { reason = "Piling again" }, "reopened"),
        new("callback", CaseStage.Resolved, AgentKey, "callback", new { satisfaction = "satisfied" }, "satisfied"),
        new("partner outcome", CaseStage.TransferredToPartner, Dept(CaseStages.WaterLine), $"partner:{CaseStages.WaterLine}",
            new { outcome = "resolved", note = "Bill corrected" }, null),
    ];

    public static TheoryData<Command> EveryCommand()
    {
        var data = new TheoryData<Command>();
        foreach (var command in Commands) data.Add(command);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task A_command_sent_twice_with_the_same_idempotency_key_is_applied_once_and_answered_the_same(Command command)
    {
        var client = host.Client(command.Key);
        var once = await host.NewCaseAt(command.From);
        var twice = await host.NewCaseAt(command.From);

        var start = await Stats();
        await Send(client, command, once, $"once-{Guid.NewGuid():N}", "the single send");
        var afterOnce = await Stats();
        var before = await Read(twice);
        var key = $"retry-{Guid.NewGuid():N}";
        var first = await Send(client, command, twice, key, "the first send");
        var second = await Send(client, command, twice, key, "the retry");
        var after = await Read(twice);
        var afterTwice = await Stats();

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal(before.History + 1, after.History);
        Assert.Equal(first["sequence"]!.GetValue<long>(), after.LastSequence);
        Assert.Equal(first["to"]!.GetValue<string>(), after.Status);
        Assert.Equal(Deltas(start, afterOnce), Deltas(afterOnce, afterTwice));
        if (command.Counter is { } counter)
            Assert.True(Deltas(afterOnce, afterTwice)[$"{Own}.{counter}"] == 1, $"{command.Name}: {Own}.{counter} should grow by one");
    }

    [Fact]
    public async Task An_intake_sent_twice_with_the_same_idempotency_key_is_one_case_counted_once()
    {
        var agent = host.Client(AgentKey);
        var intake = Api.Intake("construction-noise", "jinshui");
        var key = $"call-{Guid.NewGuid():N}";
        var start = await Stats();
        var total = await host.Client(Admin).TotalCases();

        using var first = await agent.PostJson("/api/cases", intake, key);
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        using var second = await agent.PostJson("/api/cases", intake, key);
        Assert.True(second.StatusCode == HttpStatusCode.OK, await second.Content.ReadAsStringAsync());

        var created = await first.Json();
        Assert.Equal(created.ToJsonString(), (await second.Json()).ToJsonString());
        Assert.Equal(total + 1, await host.Client(Admin).TotalCases());
        var view = await Read(created["id"]!.GetValue<string>());
        Assert.Equal(["submit", "route"], view.Actions);
        var deltas = Deltas(start, await Stats());
        Assert.True(deltas[$"{Own}.received"] == 1, $"received should grow by one, not {deltas[$"{Own}.received"]}");
    }

    [Fact]
    public async Task A_return_sent_twice_counts_as_one_return_and_does_not_send_the_case_to_arbitration_early()
    {
        var department = host.Client(Dept(Own));
        var id = await host.NewCaseAt(CaseStage.Dispatched);
        var key = $"return-{Guid.NewGuid():N}";
        var reason = new { reason = "Not ours" };

        var first = await Send(department, Commands.Single(c => c.Verb == "return"), id, key, "the first return");
        var retry = await Send(department, Commands.Single(c => c.Verb == "return"), id, key, "the retried return");
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.Equal("returned", (await Read(id)).Status);

        using var back = await host.Client(AgentKey).PostJson($"/api/cases/{id}/dispatch", new { departmentId = Own, reason = "It is yours" });
        Assert.True(back.StatusCode == HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        using var secondReturn = await department.PostJson($"/api/cases/{id}/return", reason, $"return-{Guid.NewGuid():N}");
        Assert.True(secondReturn.StatusCode == HttpStatusCode.OK, await secondReturn.Content.ReadAsStringAsync());

        var view = await Read(id);
        Assert.Equal("arbitration", view.Status);
        Assert.Equal(["submit", "route", "return", "dispatch", "arbitrate"], view.Actions);
    }

    private static async Task<JsonObject> Send(HttpClient client, Command command, string id, string key, string what)
    {
        var path = command.Verb.StartsWith("partner:", StringComparison.Ordinal)
            ? $"/api/partners/{command.Verb["partner:".Length..]}/cases/{id}/outcome"
            : $"/api/cases/{id}/{command.Verb}";
        using var response = await client.PostJson(path, command.Body, key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command.Name} on {id}, {what}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private sealed record CaseRead(string Status, int History, long LastSequence, string[] Actions);

    private async Task<CaseRead> Read(string id)
    {
        using var response = await host.Client(Admin).GetAsync($"/api/cases/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {id}: {(int)response.StatusCode}");
        var view = await response.Json();
        var history = view["history"]!.AsArray();
        return new(view["status"]!.GetValue<string>(), history.Count, history[^1]!["sequence"]!.GetValue<long>(),
            [.. history.Select(h => h!["action"]!.GetValue<string>())]);
    }

    /// <summary>Every whole-number counter of both departments this month, keyed "department.counter".</summary>
    private async Task<Dictionary<string, int>> Stats()
    {
        var counters = new Dictionary<string, int>();
        foreach (var department in new[] { Own, Other })
        {
            using var response = await host.Client(Admin).GetAsync($"/api/departments/{department}/stats");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"stats of {department}: {(int)response.StatusCode}");
            foreach (var (name, value) in await response.Json())
                if (!name.EndsWith("Rate", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<int>(out var n))
                    counters[$"{department}.{name}"] = n;
        }
        return counters;
    }

    private static Dictionary<string, int> Deltas(Dictionary<string, int> from, Dictionary<string, int> to) =>
        to.ToDictionary(c => c.Key, c => c.Value - from.GetValueOrDefault(c.Key));
}
