using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>The call-taker's day (R1, R2, R10): a call taken by keyboard alone.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CallTakerTests(ConsoleHostFixture host)
{
    [Fact]
    public async Task A_call_taker_takes_a_construction_noise_call_in_jinshui_by_keyboard_alone_and_sees_the_tracking_number()
    {
        using var browser = new Browser(host.BaseAddress);
        browser.SignInAs("zhang.wei");
        var before = int.Parse(browser.Wait("#cases-today").Text, System.Globalization.CultureInfo.InvariantCulture);
        var id = CallTaker.TakeNoiseCallInJinshui(browser, "Huayuan Rd No. " + Random.Shared.Next(1, 1_000_000));

        // The case is really there, routed as the preview said, with the person as its actor.
        var view = await host.Client("demo-admin-key").GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("jinshui-environment", view!["departmentId"]!.GetValue<string>());
        Assert.Equal("Agent:zhang.wei", view["history"]![0]!["actor"]!.GetValue<string>());
        // Today's figures moved with it (another test may take calls as the same person).
        browser.Until(_ => browser.Text("#cases-today") == (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The keyboard-only intake, shared by the scenarios that need a fresh case.</summary>
public static class CallTaker
{
    /// <summary>Types the call (never touching the mouse) and returns the tracking number the page shows.</summary>
    public static string TakeNoiseCallInJinshui(Browser browser, string address)
    {
        browser.Until(_ => browser.FocusedId() == "category-search");
        browser.Type("construction");
        browser.Until(_ => browser.Driver.FindElement(By.Id("category")).GetAttribute("value") == "construction-noise");
        browser.Type(Keys.Tab);
        Assert.Equal("category", browser.FocusedId());
        browser.Type(Keys.Tab, "jinshui");
        browser.Until(_ => browser.Driver.FindElement(By.Id("district")).GetAttribute("value") == "jinshui");
        browser.Type(Keys.Tab, Keys.Tab);
        Assert.Equal("address", browser.FocusedId());
        browser.Type(address);
        // The routing preview names the department and rule before the case is taken (and stores nothing).
        browser.Until(_ => browser.Text("#preview-where").Contains("noise-jinshui", StringComparison.Ordinal));
        browser.Type(Keys.Tab);
        Assert.Equal("attribute-siteManagedBy", browser.FocusedId());
        browser.Type(Keys.Tab, "工地夜间打桩，噪音很大", Keys.Tab, "张三", Keys.Tab, "13812345678");
        Assert.Equal("citizen-phone", browser.FocusedId());
        browser.Screenshot("intake");
        browser.Chord(Keys.Control, Keys.Enter);
        var number = browser.Until(_ => browser.Text("#tracking-number") is { Length: > 0 } text && text.StartsWith("ZZ-", StringComparison.Ordinal) ? text : null)!;
        // Ready for the next call: the focus is back on the first field.
        browser.Until(_ => browser.FocusedId() == "category-search");
        return number.Split(' ')[0];
    }
}
