namespace Dispatcher.LoadTests.Scenarios;

/// <summary>One scenario of the suite (load-tests/README.md, "What it measures").</summary>
/// <param name="name">The name <c>--scenarios</c> selects it by; also its key in the report (<c>hostLog.&lt;name&gt;</c>).</param>
/// <param name="measures">What it measures, in one line.</param>
public abstract class LoadScenario(string name, string measures)
{
    public string Name => name;
    public string Measures => measures;

    /// <summary>Runs it and adds its figures (or why it was not run) to <see cref="ScenarioContext.Report"/>.</summary>
    public abstract Task RunAsync(ScenarioContext context);
}
