using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// The emergency lane (issue 14): a gas leak, a fire, a person in danger or a medical emergency is
/// handed to its emergency partner line (119 / 110 / 120) at intake, as urgent, and that line reports
/// back (two-way status) through the partner interconnect.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EmergencyLaneTests(DispatcherHostFixture host)
{
    [Theory]
    [InlineData("gas-leak", "fire-119")]
    [InlineData("fire", "fire-119")]
    [InlineData("person-in-danger", "police-110")]
    [InlineData("medical-emergency", "ambulance-120")]
    public async Task An_emergency_is_handed_to_its_line_at_intake_as_urgent_and_the_line_reports_back(string category, string line)
    {
        var agent = host.Client(AgentKey);
        var taken = await agent.PostJson("/api/cases", Api.Intake(category, "erqi", description: "Strong smell of gas in the stairwell, building 3"));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var receipt = await taken.Json();
        Assert.Equal("transferredOut", receipt["status"]!.GetValue<string>());
        var id = receipt["id"]!.GetValue<string>();
        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("urgent", view!["priority"]!.GetValue<string>()); // sent as "normal"
        Assert.Contains(view["history"]!.AsArray(), h => h!["action"]!.GetValue<string>() == "transferOut" && h["note"]!.GetValue<string>().Contains(line == "fire-119" ? "119" : line[^3..]));

        // Another line cannot report on it; its own line can.
        var wrong = await host.Client("demo-water-hotline-key").PostJson($"/api/partners/{line}/cases/{id}/outcome", new { outcome = "resolved", note = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var outcome = await host.Client($"demo-{line}-key").PostJson($"/api/partners/{line}/cases/{id}/outcome", new { outcome = "resolved", note = "Crew on site in 6 minutes, valve closed" });
        Assert.True(outcome.StatusCode == HttpStatusCode.OK, await outcome.Content.ReadAsStringAsync());
        Assert.Equal("closed", (await outcome.Json())["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_emergency_is_never_answered_at_first_contact()
    {
        var response = await host.Client(AgentKey).PostJson("/api/cases", new Dictionary<string, object>
        {
            ["channel"] = "hotline", ["category"] = "gas-leak", ["district"] = "jinshui", ["description"] = "Gas smell",
            ["attributes"] = new Dictionary<string, string>(), ["citizen"] = new { name = "Li", phone = "13812345678" }, ["priority"] = "normal",
            ["firstContact"] = new { entryId = "kb-heating-season" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("firstContact"), errors.ToJsonString());
        Assert.Contains("119", errors["firstContact"]![0]!.GetValue<string>());
    }
}
