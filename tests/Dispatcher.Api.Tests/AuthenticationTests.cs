using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class AuthenticationTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task An_intake_without_a_key_is_refused_with_401_problem_details()
    {
        var response = await host.Client().PostJson("/api/cases", Api.Intake("road-damage", "erqi"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Json())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_401()
    {
        var response = await host.Client("not-a-key").GetAsync("/api/departments");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_department_key_may_not_take_cases()
    {
        var response = await host.Client(Dept("city-water")).PostJson("/api/cases", Api.Intake("road-damage", "erqi"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_admins_read_or_change_routing_rules()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(AgentKey).GetAsync("/api/routing/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Channel).GetAsync("/api/routing/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(Admin).GetAsync("/api/routing/rules")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_for_admins_only_outside_development()
    {
        var anonymous = await host.Client().GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // Each challenge in its own header, Basic first, so a browser turns it into a login prompt.
        Assert.Equal(["Basic", "ApiKey"], anonymous.Headers.GetValues("WWW-Authenticate").Select(v => v.Split(' ')[0]));
        Assert.Equal("realm=\"Dispatcher\", charset=\"UTF-8\"", anonymous.Headers.WwwAuthenticate.First().Parameter);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(AgentKey).GetAsync("/dashboard/")).StatusCode);

        var browser = host.Client();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + Admin)));
        var page = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_are_served()
    {
        var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/cases\"", openApi);
        Assert.Contains("\"/api/cases/{id}/acknowledge\"", openApi);
        Assert.Contains("\"/api/routing/rules\"", openApi);
    }
}
