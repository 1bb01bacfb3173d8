using System.Net;
using System.Net.Http.Json;
using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>
/// The dispatcher's triage queue (ADR-039): a case no rule matched is listed on the dispatch page
/// with its category, district and waiting time, counted in the badge, and leaves the list once it
/// is dispatched.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TriageConsoleTests(ConsoleHostFixture host)
{
    [Fact]
    public async Task An_unmatched_case_is_listed_on_the_dispatch_page_until_it_is_dispatched()
    {
        var agent = host.Client("demo-agent-key");
        var body = await host.TakeCase("other", "shangjie", "A question no rule covers");
        Assert.Equal("triage", body["status"]!.GetValue<string>());
        var id = body["id"]!.GetValue<string>();

        using var dispatcher = new Browser(host.BaseAddress);
        dispatcher.SignInAs("wang.fang");
        dispatcher.Open("#/dispatch");
        var item = dispatcher.Wait($"#triage a[href='#/case/{id}']").FindElement(By.XPath(".."));
        // Named as the city file names them, in the console's language (Chinese by default).
        Assert.Contains("其他", item.Text, StringComparison.Ordinal);
        Assert.Contains("上街区", item.Text, StringComparison.Ordinal);
        Assert.Matches(@"\d{2}:\d{2}", item.Text);
        Assert.True(int.Parse(dispatcher.Text("#triage .badge"), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        dispatcher.Screenshot("triage");

        using var dispatched = await agent.PostAsJsonAsync($"/api/cases/{id}/dispatch", new { departmentId = "shangjie-government", reason = "District matter" });
        Assert.True(dispatched.StatusCode == HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        dispatcher.Driver.Navigate().Refresh();
        dispatcher.Wait("#search-form");
        Assert.Empty(dispatcher.Driver.FindElements(By.CssSelector($"#triage a[href='#/case/{id}']")));
    }
}
