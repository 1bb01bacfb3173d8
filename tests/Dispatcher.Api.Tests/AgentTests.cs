using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class AgentTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task A_call_taker_signs_in_takes_a_call_and_sees_workload_and_handling_time()
    {
        var wang = host.Client("demo-agent2-key");
        var signedIn = (await (await wang.PostJson("/api/agents/me/sign-in", null)).Json());
        Assert.Equal("available", signedIn["status"]!.GetValue<string>());

        var intake = new
        {
            channel = "phone", category = "road-damage", district = "erqi", address = $"No. {Guid.NewGuid():N} Road", description = "Pothole",
            citizen = new { phone = "13700002222" }, callStartedAt = DateTimeOffset.UtcNow.AddSeconds(-90),
        };
        var receipt = await (await wang.PostJson("/api/cases", intake)).Json();
        var view = (await wang.GetFromJsonAsync<JsonObject>("/api/agents/agent-wang"))!;

        Assert.True(view["casesTakenToday"]!.GetValue<int>() >= 1);
        Assert.InRange(view["averageHandlingSecondsToday"]!.GetValue<double>(), 85, 600);
        Assert.Equal("agent-wang", (await wang.GetFromJsonAsync<JsonObject>($"/api/cases/{receipt["id"]}"))!["takenByAgent"]!.GetValue<string>());

        var signedOut = await (await wang.PostJson("/api/agents/me/sign-out", null)).Json();
        Assert.Equal("signedOut", signedOut["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await wang.GetAsync("/api/agents/agent-li")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(DispatcherHostFixture.Admin).GetAsync("/api/agents/agent-wang")).StatusCode);
    }
}
