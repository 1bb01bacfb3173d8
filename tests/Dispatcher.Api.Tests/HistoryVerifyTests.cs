using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>GET /api/cases/{id}/verify (ADR-020): admins, and supervisors within their CallerScope.</summary>
[Collection(HostCollection.Name)]
public sealed class HistoryVerifyTests(DispatcherHostFixture host)
{
    private const string Jinshui = "jinshui-environment";

    private async Task<string> NewJinshuiCase()
    {
        var id = await host.Client(AgentKey).Submit(Api.Intake("construction-noise", "jinshui"));
        var department = host.Client(Dept(Jinshui));
        foreach (var (verb, body) in new (string, object)[] { ("acknowledge", new { }), ("reply", new { text = "An inspector went." }) })
        {
            var step = await department.PostJson($"/api/cases/{id}/{verb}", body);
            Assert.True(step.StatusCode == HttpStatusCode.OK, $"{verb} on {id}: {await step.Content.ReadAsStringAsync()}");
        }
        return id;
    }

    [Fact]
    public async Task An_untouched_case_verifies_and_every_history_entry_shows_its_hash()
    {
        var id = await NewJinshuiCase();

        var verdict = await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/cases/{id}/verify");
        Assert.Equal(id, verdict!["caseId"]!.GetValue<string>());
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
        Assert.Equal(4, verdict["entries"]!.GetValue<int>());
        Assert.Null(verdict["firstBrokenSequence"]);
        Assert.Null(verdict["reason"]);

        var view = await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.All(view!["history"]!.AsArray(), h => Assert.Matches("^[0-9a-f]{64}$", h!["hash"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("demo-supervisor-jinshui-key", HttpStatusCode.OK)]
    [InlineData("demo-supervisor-key", HttpStatusCode.OK)]
    [InlineData(AgentKey, HttpStatusCode.Forbidden)]
    [InlineData("demo-jinshui-environment-key", HttpStatusCode.Forbidden)]
    [InlineData(Channel, HttpStatusCode.Forbidden)]
    public async Task Verify_answers_admins_and_supervisors_in_scope_only(string key, HttpStatusCode expected)
    {
        var id = await NewJinshuiCase();
        var response = await host.Client(key).GetAsync($"/api/cases/{id}/verify");
        Assert.True(response.StatusCode == expected, $"{key} on {id}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task An_attached_supervisor_may_not_verify_another_departments_case()
    {
        var id = await host.Client(AgentKey).Submit(Api.Intake("water-outage", "erqi"));
        var response = await host.Client("demo-supervisor-jinshui-key").GetAsync($"/api/cases/{id}/verify");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Verify_of_an_unknown_case_is_404()
    {
        var response = await host.Client(Admin).GetAsync("/api/cases/ZZ-NOPE/verify");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
