using System.Net;
using Dispatcher.Tests.Shared;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>The console's routing preview: the intake's own decision, and nothing stored.</summary>
[Collection(HostCollection.Name)]
public sealed class RoutingPreviewTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task The_preview_names_the_department_rule_and_answers_and_the_attributes_the_rules_look_at()
    {
        var agent = host.Client(AgentKey);
        var before = await agent.TotalCases();

        var jinshui = await Preview(agent, new { category = "construction-noise", district = "jinshui", text = "night work piling" });
        Assert.Equal("route", jinshui["path"]!.GetValue<string>());
        Assert.Equal(CaseStages.Jinshui, jinshui["departmentId"]!.GetValue<string>());
        Assert.Equal("noise-jinshui", jinshui["ruleId"]!.GetValue<string>());
        Assert.Contains("construction-committee", jinshui["attributeOptions"]!["siteManagedBy"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotEmpty(jinshui["answers"]!.AsArray());

        var committee = await Preview(agent, new { category = "construction-noise", district = "jinshui", attributes = new { siteManagedBy = "construction-committee" } });
        Assert.Equal("noise-committee-sites", committee["ruleId"]!.GetValue<string>());

        Assert.Equal(before, await agent.TotalCases());
    }

    [Fact]
    public async Task The_preview_finds_the_open_case_a_call_would_join_without_registering_one_itself()
    {
        var agent = host.Client(AgentKey);
        var address = DistinctPlaces.Address("Preview Road");

        // Nothing open here: the preview routes, and registers nothing, so the first real case is not merged.
        var first = await Preview(agent, new { category = "construction-noise", district = "jinshui", address });
        Assert.Equal("route", first["path"]!.GetValue<string>());
        var intake = Intake(address);
        var id = await agent.Submit(intake);
        var created = await (await agent.GetAsync($"/api/cases/{id}")).Json();
        Assert.Equal("dispatched", created["status"]!.GetValue<string>());

        var second = await Preview(agent, new { category = "construction-noise", district = "jinshui", address });
        Assert.Equal("join", second["path"]!.GetValue<string>());
        Assert.Equal(id, second["joinsCaseId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_category_or_district_is_a_field_level_400()
    {
        using var response = await host.Client(AgentKey).PostJson("/api/routing/preview", new { category = "nope", district = "nowhere" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("category") && errors.ContainsKey("district"), errors.ToJsonString());
    }

    private static object Intake(string address) => new
    {
        channel = "phone", category = "construction-noise", district = "jinshui", address, description = "Piling at night",
        attributes = new Dictionary<string, string>(), citizen = new { name = "Zhang San", phone = "13812345678" }, priority = "normal",
    };

    private static async Task<System.Text.Json.Nodes.JsonObject> Preview(HttpClient client, object body)
    {
        using var response = await client.PostJson("/api/routing/preview", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }
}
