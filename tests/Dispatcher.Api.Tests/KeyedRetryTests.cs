using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>
/// ADR-036 over HTTP: a keyed intake starts without reading storage, so a retry whose first try
/// joined another report's case must read before it would join again. The answer was lost and the
/// activation collected, as after a timeout; the retry gets 200 with the stored case.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class KeyedRetryTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task A_retry_of_a_keyed_report_that_joined_a_duplicate_answers_the_stored_case_and_adds_no_second_reporter()
    {
        var channel = host.Client(Channel);
        var agent = host.Client(AgentKey);
        var address = $"Site {Guid.NewGuid():N}, Nongye Road";
        object Report(string phone) => new
        {
            channel = "web", category = "construction-noise", district = "zhongyuan", address, description = "Piling at 2 am",
            citizen = new { name = "Neighbour", phone }, priority = "normal",
        };
        var primary = await (await channel.PostJson("/api/cases", Report("13800000001"))).Json();
        var key = "retry-" + Guid.NewGuid().ToString("N");

        var joined = await channel.PostJson("/api/cases", Report("13800000002"), key);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var first = await joined.Json();
        Assert.Equal(primary["id"]!.GetValue<string>(), first["mergedInto"]!.GetValue<string>());
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var retried = await channel.PostJson("/api/cases", Report("13800000002"), key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var retry = await retried.Json();
        Assert.Equal(first["id"]!.GetValue<string>(), retry["id"]!.GetValue<string>());
        Assert.Equal(first["mergedInto"]!.GetValue<string>(), retry["mergedInto"]!.GetValue<string>());
        var stored = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{primary["id"]}"))!;
        Assert.Equal(2, stored["reporterCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_retry_of_a_keyed_case_after_its_activation_was_collected_answers_200_with_the_same_case()
    {
        var channel = host.Client(Channel);
        var key = "retry-" + Guid.NewGuid().ToString("N");
        var intake = new
        {
            channel = "web", category = "heating", district = "erqi", address = $"No. {Guid.NewGuid():N} Test Road", description = "No heating since Monday",
            citizen = new { name = "Li Si", phone = "13700001111" }, priority = "normal",
        };

        var created = await channel.PostJson("/api/cases", intake, key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await created.Json();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var retried = await channel.PostJson("/api/cases", intake, key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var retry = await retried.Json();
        Assert.Equal(first["id"]!.GetValue<string>(), retry["id"]!.GetValue<string>());
        Assert.Equal(first["departmentId"]!.GetValue<string>(), retry["departmentId"]!.GetValue<string>());
        var view = (await host.Client(AgentKey).GetFromJsonAsync<JsonObject>($"/api/cases/{first["id"]}"))!;
        Assert.Equal(2, view["history"]!.AsArray().Count); // received and dispatched, once
    }
}
