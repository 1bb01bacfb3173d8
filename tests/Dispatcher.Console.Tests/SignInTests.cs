using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>Signing in through the console's page, by keyboard (ADR-024).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleHostFixture host)
{
    [Fact]
    public void Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        using var browser = new Browser(host.BaseAddress);
        browser.SignIn("wang.fang", "wrong-1");
        browser.Until(_ => browser.Text("#signin-problem").Contains("账号或密码不正确", StringComparison.Ordinal));
        for (var i = 2; i <= 5; i++)
        {
            // The page keeps the login and clears the password, with the focus on it: type the next try.
            browser.Until(_ => browser.FocusedId() == "signin-password");
            browser.Type("wrong-" + i, Keys.Enter);
            if (i < 5) browser.Until(_ => browser.Text("#signin-problem").Length > 0 && browser.FocusedId() == "signin-password");
        }
        browser.Until(_ => browser.Text("#signin-problem").Contains("已锁定", StringComparison.Ordinal));
        browser.Screenshot("signin-locked");

        browser.Until(_ => browser.FocusedId() == "signin-password");
        browser.Type(Keys.Control + "a" + Keys.Control, "demo-wang.fang", Keys.Enter);
        browser.Until(_ => browser.Text("#signin-problem").Contains("已锁定", StringComparison.Ordinal));
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("#sign-out:not([hidden])")));
    }

    [Fact]
    public void The_dashboard_opens_with_the_admins_session()
    {
        using var browser = new Browser(host.BaseAddress);
        browser.SignInAs("gao.qiang");
        var link = browser.Wait("#nav a[href='/dashboard/']");
        link.SendKeys(Keys.Enter);
        browser.Until(d => d.Url.Contains("/dashboard/", StringComparison.Ordinal) && d.PageSource.Contains("Orleans", StringComparison.OrdinalIgnoreCase));
        browser.Until(d => d.Title.Length > 0);
        Assert.DoesNotContain("401", browser.Driver.Title, StringComparison.Ordinal);
        browser.Screenshot("dashboard");
    }
}
