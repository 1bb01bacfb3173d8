using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace Dispatcher.Console.Tests;

/// <summary>
/// One browser context: Debian's chromium, headless, through Debian's chromedriver (nothing is
/// downloaded: both paths are given, so Selenium Manager never runs), with a fresh profile — two
/// of these are two people on two machines. Input goes through the keyboard of the focused element.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile = Directory.CreateTempSubdirectory("console-test-chromium-").FullName;
    private readonly Uri _base;
    public ChromeDriver Driver { get; }

    public Browser(Uri baseAddress, int width = 1280, int height = 720)
    {
        _base = baseAddress;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            $"--user-data-dir={_profile}", $"--window-size={width},{height}", "--lang=zh-CN");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath), Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Opens a console address (e.g. "#/inbox") and waits for the shell to be ready.</summary>
    public void Open(string hash = "")
    {
        Driver.Navigate().GoToUrl(new Uri(_base, "/console/" + hash));
        Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
    }

    public T Until<T>(Func<IWebDriver, T> condition, int seconds = 15)
    {
        var wait = new WebDriverWait(new SystemClock(), Driver, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(100));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public IWebElement Wait(string css, int seconds = 15) => Until(d => d.FindElement(By.CssSelector(css)) is { Displayed: true } e ? e : null, seconds)!;

    public string Text(string css) => Driver.FindElement(By.CssSelector(css)).Text;

    /// <summary>Types into whatever has the focus, as a person at the keyboard does.</summary>
    public void Type(params string[] keys)
    {
        var actions = new Actions(Driver);
        foreach (var k in keys) actions.SendKeys(k);
        actions.Perform();
    }

    public void Chord(string modifier, string key) => new Actions(Driver).KeyDown(modifier).SendKeys(key).KeyUp(modifier).Perform();

    public string? FocusedId() => Driver.SwitchTo().ActiveElement().GetAttribute("id");

    /// <summary>Signs in with the keyboard alone: login, Tab, password, Enter.</summary>
    public void SignIn(string login, string password)
    {
        Open("#/signin");
        Until(_ => FocusedId() == "signin-login");
        Type(login, Keys.Tab, password, Keys.Enter);
    }

    public void SignInAs(string login)
    {
        SignIn(login, "demo-" + login);
        Wait("#sign-out");
    }

    /// <summary>A PNG of the page into the screenshot folder (DISPATCHER_CONSOLE_SCREENSHOTS, e.g. docs/console, or the test output).</summary>
    public void Screenshot(string name)
    {
        var folder = Environment.GetEnvironmentVariable("DISPATCHER_CONSOLE_SCREENSHOTS") is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
