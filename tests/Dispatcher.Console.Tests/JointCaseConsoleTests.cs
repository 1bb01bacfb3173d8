using System.Net;
using System.Net.Http.Json;
using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>
/// A joint case in the console (ADR-027): the co-department's clerk sees the case in the inbox as a
/// co-part, opens the case page and acknowledges and replies its part there; the page shows the lead.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class JointCaseConsoleTests(ConsoleHostFixture host)
{
    private const string Jinshui = "jinshui-environment";

    [Fact]
    public async Task A_co_department_clerk_sees_the_role_and_acknowledges_and_replies_its_part_from_the_case_page()
    {
        var agent = host.Client("demo-agent-key");
        var id = (await host.TakeCase("construction-noise", "jinshui", "Piling at night above a leaking water main"))["id"]!.GetValue<string>();
        using var joint = await agent.PostAsJsonAsync($"/api/cases/{id}/dispatch", new { departmentId = "city-water", reason = "the water main leads", coDepartments = new[] { Jinshui } });
        Assert.True(joint.StatusCode == HttpStatusCode.OK, await joint.Content.ReadAsStringAsync());

        using var clerk = new Browser(host.BaseAddress);
        clerk.SignInAs("zhao.lei");
        var row = $"#inbox-rows tr[data-case='{id}']";
        clerk.Wait(row);
        Assert.Equal("协办", clerk.Text($"{row} td.role"));
        clerk.Driver.FindElement(By.CssSelector($"{row} a[data-action='co-part']")).SendKeys(Keys.Enter);

        var part = $"#case-co-departments li[data-department='{Jinshui}']";
        clerk.Wait(part);
        Assert.Equal("assigned", clerk.Driver.FindElement(By.CssSelector(part)).GetAttribute("data-status"));
        clerk.Driver.FindElement(By.CssSelector($"{part} form[data-action='co-acknowledge'] button")).SendKeys(Keys.Enter);
        clerk.Until(_ => clerk.Driver.FindElements(By.CssSelector($"{part}[data-status='acknowledged']")).Count == 1);
        clerk.Driver.FindElement(By.CssSelector($"{part} form[data-action='co-reply'] input")).SendKeys("夜间打桩已暂停" + Keys.Enter);
        clerk.Until(_ => clerk.Driver.FindElements(By.CssSelector($"{part}[data-status='replied']")).Count == 1);
        Assert.Contains("夜间打桩已暂停", clerk.Text(part), StringComparison.Ordinal);
        // The lead's own steps are not offered to a co-department.
        Assert.Empty(clerk.Driver.FindElements(By.CssSelector("#case-actions form")));
        Assert.Contains("协办回复", clerk.Text("#case-history"), StringComparison.Ordinal);
    }
}
