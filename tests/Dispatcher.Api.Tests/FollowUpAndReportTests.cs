using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class FollowUpAndReportTests(DispatcherHostFixture host)
{
    private async Task<string> Resolved(string category, string district, string department)
    {
        var id = await host.Client(AgentKey).Submit(Api.Intake(category, district));
        var dept = host.Client(Dept(department));
        Assert.Equal(HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/reply", new { text = "We sent a crew" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dept.PostJson($"/api/cases/{id}/resolve", new { text = "Repaired on site" })).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_satisfied_callback_closes_the_case_and_an_unsatisfied_one_reopens_it_to_the_same_department()
    {
        var agent = host.Client(AgentKey);
        var closed = await Resolved("public-transport", "erqi", "city-transport");
        var ok = await agent.PostJson($"/api/cases/{closed}/callback", new { satisfaction = "basicallySatisfied", note = "bus is back" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("closed", (await ok.Json())["to"]!.GetValue<string>());

        var reopened = await Resolved("public-transport", "erqi", "city-transport");
        var bad = await agent.PostJson($"/api/cases/{reopened}/callback", new { satisfaction = "unsatisfied", note = "still no bus" });
        Assert.Equal("reopened", (await bad.Json())["to"]!.GetValue<string>());
        var view = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{reopened}");
        Assert.Equal("city-transport", view!["departmentId"]!.GetValue<string>());
        Assert.Equal(1, view["reopens"]!.GetValue<int>());
        Assert.Contains(view["deadlines"]!.AsArray(), d => d!["step"]!.GetValue<string>() == "acknowledge" && !d["done"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostJson($"/api/cases/{closed}/callback", new { satisfaction = "thrilled" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostJson($"/api/cases/{closed}/callback", new { satisfaction = "satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Dept("city-transport")).PostJson($"/api/cases/{closed}/callback", new { satisfaction = "satisfied" })).StatusCode);
    }

    [Fact]
    public async Task A_citizen_looks_up_their_case_with_the_phones_last_four_digits_and_sees_no_personal_data()
    {
        var id = await host.Client(Channel).Submit(Api.Intake("garbage-collection", "zhengdong", phone: "13911112222"));
        var anonymous = host.Client();

        var response = await anonymous.GetAsync($"/api/public/cases/{id}?phoneLast4=2222");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var status = JsonNode.Parse(text)!;
        Assert.Equal("dispatched", status["status"]!.GetValue<string>());
        Assert.Equal("zhengdong-committee", status["departmentId"]!.GetValue<string>());
        Assert.NotEmpty(status["deadlines"]!.AsArray());
        Assert.DoesNotContain("1391111", text);
        Assert.DoesNotContain("Zhang", text);
        Assert.DoesNotContain("Piling", text);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/public/cases/{id}?phoneLast4=1111")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/public/cases/ZZ-0000-0000-0000?phoneLast4=2222")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/public/cases/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_monthly_bulletin_ranks_departments_from_their_live_counters_in_json_and_csv()
    {
        await Resolved("heating", "jinshui", "city-housing");
        var month = Api.Month(DateTimeOffset.UtcNow);
        var admin = host.Client(Admin);

        var bulletin = (await admin.GetFromJsonAsync<JsonObject>($"/api/reports/monthly?month={month}"))!;
        var lines = bulletin["lines"]!.AsArray();
        Assert.Equal(17, lines.Count);
        var housing = lines.Single(l => l!["departmentId"]!.GetValue<string>() == "city-housing")!;
        Assert.NotNull(housing["rank"]);
        var stats = (await admin.GetFromJsonAsync<JsonObject>($"/api/departments/city-housing/stats?month={month}"))!;
        Assert.Equal(stats["received"]!.GetValue<int>(), housing["stats"]!["received"]!.GetValue<int>());
        var ranks = lines.Where(l => l!["rank"] is not null).Select(l => l!["score"]!.GetValue<double>()).ToArray();
        Assert.Equal(ranks.OrderDescending(), ranks);

        var csv = await admin.GetAsync($"/api/reports/monthly?month={month}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rank,departmentId,departmentName,score,verdict,received", rows[0]);
        Assert.Equal(18, rows.Length);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/reports/monthly?month=November")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Dept("city-housing")).GetAsync("/api/reports/monthly")).StatusCode);
    }

    [Fact]
    public async Task The_quarterly_list_holds_cases_returned_twice_and_the_annual_export_sums_the_months()
    {
        var agent = host.Client(AgentKey);
        var id = await host.Client(Channel).Submit(Api.Intake("property-management", "erqi"));
        await host.Client(Dept("city-housing")).PostJson($"/api/cases/{id}/return", new { reason = "Not ours" });
        await agent.PostJson($"/api/cases/{id}/dispatch", new { departmentId = "erqi-government", reason = "District" });
        await host.Client(Dept("erqi-government")).PostJson($"/api/cases/{id}/return", new { reason = "Not ours either" });

        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var quarter = $"{now.Year}-Q{(now.Month - 1) / 3 + 1}";
        var review = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/reports/quarterly?quarter={quarter}"))!;
        var item = review["cases"]!.AsArray().Single(c => c!["caseId"]!.GetValue<string>() == id)!;
        Assert.Contains("returned 2×", item["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        var annual = (await host.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/reports/annual?year={now.Year}"))!;
        var housing = annual["departments"]!.AsArray().Single(d => d!["departmentId"]!.GetValue<string>() == "city-housing")!;
        var monthsReceived = housing["months"]!.AsArray().Sum(m => m!["received"]!.GetValue<int>());
        Assert.Equal(monthsReceived, housing["totals"]!["received"]!.GetValue<int>());
        Assert.Equal(12, housing["months"]!.AsArray().Count);

        var csv = await host.Client(Admin).GetStringAsync($"/api/reports/annual?year={now.Year}&format=csv");
        Assert.Contains("city-housing", csv);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client(Admin).GetAsync("/api/reports/quarterly?quarter=2026-Q5")).StatusCode);
    }

    [Fact]
    public async Task Supervisors_and_discipline_views_are_closed_to_departments_and_channels()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Client("demo-supervisor-key").GetAsync("/api/discipline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Dept("city-water")).GetAsync("/api/discipline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Channel).GetAsync("/api/discipline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client("demo-supervisor-jinshui-key").GetAsync("/api/departments/jinshui-environment/supervision")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("demo-supervisor-jinshui-key").GetAsync("/api/departments/city-water/supervision")).StatusCode);
    }
}
