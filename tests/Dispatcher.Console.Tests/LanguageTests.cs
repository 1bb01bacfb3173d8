using System.Text.Json;
using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>Chinese by default, English on request; every label in both dictionaries.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LanguageTests(ConsoleHostFixture host)
{
    private static readonly string Dictionaries = Path.Combine(AppContext.BaseDirectory, "wwwroot", "console", "i18n");

    [Fact]
    public void Both_dictionaries_hold_the_same_keys_and_no_empty_text()
    {
        var zh = Read("zh-CN");
        var en = Read("en");
        Assert.Equal(zh.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(zh.Concat(en), e => string.IsNullOrWhiteSpace(e.Value));
        Assert.True(zh.Count > 150, $"only {zh.Count} keys");
    }

    [Fact]
    public void The_console_opens_in_chinese_and_switches_to_english_by_keyboard_and_keeps_it()
    {
        using var browser = new Browser(host.BaseAddress);
        browser.Open("#/signin");
        Assert.Equal("登录", browser.Text("#signin-submit"));
        var picker = browser.Driver.FindElement(By.Id("lang"));
        picker.SendKeys("English");
        browser.Until(_ => browser.Text("#signin-submit") == "Sign in");
        Assert.Equal("en", browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang"));

        browser.Open("#/signin");
        Assert.Equal("Sign in", browser.Text("#signin-submit"));
        browser.SignIn("nobody.lang", "wrong");
        browser.Until(_ => browser.Text("#signin-problem") == "The login or the password is not right.");
    }

    private static Dictionary<string, string> Read(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Dictionaries, language + ".json")))!;
}
