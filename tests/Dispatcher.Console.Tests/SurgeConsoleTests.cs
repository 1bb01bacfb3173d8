using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Dispatcher.Console.Tests;

/// <summary>Surge mode in the console (ADR-028): the call-taker's banner and the supervisor's surge page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SurgeConsoleTests(ConsoleHostFixture host)
{
    private const string Notice = "A water main burst in Gaoxin; repairs under way, water back by 20:00.";

    [Fact]
    public async Task A_call_taker_typing_a_pair_with_an_open_surge_sees_its_notice_and_script_and_a_supervisor_sees_it_on_the_surge_page()
    {
        var opened = await host.Client("demo-admin-key").PostAsJsonAsync("/api/surges", new
        {
            category = "water-main-burst", district = "gaoxin", title = "Burst main in Gaoxin", notice = Notice,
            script = "Say the repairs are under way; take the caller's details.",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (string)(await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        using (var callTaker = new Browser(host.BaseAddress))
        {
            callTaker.SignInAs("wang.fang");
            callTaker.Until(_ => callTaker.FocusedId() == "category-search");
            callTaker.Type("water-main");
            callTaker.Until(_ => callTaker.Driver.FindElement(By.Id("category")).GetAttribute("value") == "water-main-burst");
            Assert.False(callTaker.Driver.FindElement(By.Id("surge-banner")).Displayed);
            callTaker.Type(Keys.Tab, Keys.Tab, "gaoxin");
            callTaker.Until(_ => callTaker.Driver.FindElement(By.Id("district")).GetAttribute("value") == "gaoxin");
            Assert.Equal(Notice, callTaker.Wait("#surge-banner-notice").Text);
            Assert.StartsWith("Say the repairs", callTaker.Text("#surge-banner-script"), StringComparison.Ordinal);
            callTaker.Screenshot("surge-banner");
        }

        using var supervisor = new Browser(host.BaseAddress);
        supervisor.SignInAs("sun.li");
        supervisor.Open("#/surge");
        var row = supervisor.Wait($"tr[data-surge='{id}']");
        Assert.Contains("Burst main in Gaoxin", row.Text, StringComparison.Ordinal);
        supervisor.Wait("#surge-triage-age");
        supervisor.Screenshot("surge");
    }
}
