using Dispatcher.LoadTests.Scenarios;
using Dispatcher.LoadTests.Suite;

namespace Dispatcher.LoadTests;

/// <summary>The load-test suite (load-tests/README.md): options, the chosen scenarios, the report.</summary>
public static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try { options = LoadOptions.Parse(args); }
        catch (ArgumentException ex) { Console.Error.WriteLine(ex.Message); return 2; }

        var suite = new SuiteRun(options, args);
        var exit = await suite.RunAsync(ScenarioCatalog.Selected(options));
        suite.WriteReport();
        return exit;
    }
}
