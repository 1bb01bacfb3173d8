using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>
/// The day in four browsers (ADR-025): a call taken by keyboard appears live, with its
/// countdown, in the Jinshui environment clerk's inbox; the clerk acknowledges; the supervisor's
/// scoreboard moves without a reload; a clerk of another department neither sees the case nor opens it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LiveScenarioTests(ConsoleHostFixture host)
{
    private const string Jinshui = "jinshui-environment";

    [Fact]
    public void A_call_appears_live_in_the_clerks_inbox_the_clerk_acknowledges_and_the_scoreboard_moves_without_a_reload()
    {
        using var clerk = new Browser(host.BaseAddress);
        using var supervisor = new Browser(host.BaseAddress, 1920, 1080);
        using var taker = new Browser(host.BaseAddress);
        using var otherClerk = new Browser(host.BaseAddress);

        clerk.SignInAs("zhao.lei");
        clerk.Wait("#inbox");
        clerk.Until(_ => clerk.Text("#live-status") == "实时连接");
        supervisor.SignInAs("zhou.min");
        supervisor.Until(_ => Cell(supervisor, "received") is not null);
        var received = Cell(supervisor, "received");
        var acknowledged = Cell(supervisor, "acknowledged");
        var pageMarker = Convert.ToString(supervisor.Driver.ExecuteScript("return window.performance.timeOrigin"), System.Globalization.CultureInfo.InvariantCulture);

        taker.SignInAs("zhang.wei");
        var id = CallTaker.TakeNoiseCallInJinshui(taker, "Nongye Rd No. " + Random.Shared.Next(1, 1_000_000));

        // The clerk's inbox shows it without a reload, with a running countdown of the acknowledge step.
        var row = $"#inbox-rows tr[data-case='{id}']";
        clerk.Wait(row);
        var countdown = clerk.Wait($"{row} .countdown");
        clerk.Until(_ => countdown.GetAttribute("data-level") == "ok" && countdown.Text.StartsWith("00:0", StringComparison.Ordinal));
        var first = countdown.Text;
        clerk.Until(_ => countdown.Text != first, 5);
        clerk.Screenshot("inbox");

        supervisor.Until(_ => Cell(supervisor, "received") == received + 1);

        // Acknowledge from the row by keyboard: focus the button, press Enter.
        clerk.Driver.FindElement(By.CssSelector($"{row} button[data-action='acknowledge']")).SendKeys(Keys.Enter);
        clerk.Until(_ => clerk.Text($"{row} td.status") == "已签收");
        supervisor.Until(_ => Cell(supervisor, "acknowledged") == acknowledged + 1);

        // The clerk takes it, so colleagues see who handles it.
        clerk.Driver.FindElement(By.CssSelector($"{row} button[data-action='claim']")).SendKeys(Keys.Enter);
        clerk.Until(_ => clerk.Text($"{row} td.claimed") == "zhao.lei");
        Assert.Equal(pageMarker, Convert.ToString(supervisor.Driver.ExecuteScript("return window.performance.timeOrigin"), System.Globalization.CultureInfo.InvariantCulture));
        supervisor.Wait("#bulletin");
        supervisor.Screenshot("scoreboard");

        // Another department's clerk: not in the inbox, and the case page by URL is refused.
        otherClerk.SignInAs("li.ming");
        otherClerk.Wait("#inbox");
        otherClerk.Until(_ => otherClerk.Text("#inbox-count").Length > 0);
        Assert.Empty(otherClerk.Driver.FindElements(By.CssSelector(row)));
        otherClerk.Open($"#/case/{id}");
        otherClerk.Until(_ => otherClerk.Text("#case-problem").Contains("无权", StringComparison.Ordinal));
        Assert.Empty(otherClerk.Driver.FindElements(By.Id("case-history")));

        // The clerk's case page: the history names the people who acted.
        clerk.Open($"#/case/{id}");
        clerk.Until(_ => clerk.Text("#case-history").Contains("zhao.lei", StringComparison.Ordinal));
        Assert.Contains("zhang.wei", clerk.Text("#case-history"), StringComparison.Ordinal);
        clerk.Screenshot("case");

        taker.Open("#/dispatch");
        taker.Wait("#search-form");
        taker.Screenshot("dispatch");
    }

    private static int? Cell(Browser browser, string column) =>
        browser.Driver.FindElements(By.CssSelector($"#scoreboard-rows tr[data-department='{Jinshui}'] td[data-column='{column}']")) is [var cell]
            && int.TryParse(cell.Text, out var n) ? n : null;
}
