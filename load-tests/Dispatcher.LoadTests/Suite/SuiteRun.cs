using System.Diagnostics;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Scenarios;

namespace Dispatcher.LoadTests.Suite;

/// <summary>
/// One run of the suite: the report with its header, the scenarios one after another under a hard
/// stop (and a watchdog in case even that hangs), the report saved after each, written at the end.
/// </summary>
public sealed class SuiteRun
{
    private readonly LoadOptions _o;
    private readonly string _stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss");
    private readonly SuiteReport _report;

    public SuiteRun(LoadOptions o, string[] args)
    {
        _o = o;
        _report = SuiteReportHeader.Create(o, args);
        Console.WriteLine($"Dispatcher load tests — {_report.Mode}");
        Console.WriteLine($"  machine: {_report.Machine["cores"]} cores, {_report.Machine["memoryGiB"]} GiB, {_report.Machine["dotnet"]}, server GC {_report.Machine["serverGC"]}");
    }

    /// <returns>The exit code: 0 when every scenario ran (a failed scenario is a note), 1 when the suite failed, 3 at the hard stop.</returns>
    public async Task<int> RunAsync(IReadOnlyList<LoadScenario> scenarios)
    {
        using var hard = new CancellationTokenSource(_o.HardStop);
        var watchdog = new Thread(() =>
        {
            // The suite stops itself at the hard stop; this only fires if it cannot (a hung host stop, say).
            Thread.Sleep(_o.HardStop + TimeSpan.FromMinutes(3));
            Console.Error.WriteLine("HARD STOP: the suite did not stop within 3 minutes of its deadline; exiting.");
            try { _report.Notes.Add("HARD STOP: exited by the watchdog."); Save(); } catch { }
            Environment.Exit(3);
        }) { IsBackground = true };
        watchdog.Start();

        var context = new ScenarioContext(_o, _report, hard.Token, () => Save());
        var exit = 0;
        try { await RunAll(context, scenarios); }
        catch (OperationCanceledException) when (hard.IsCancellationRequested)
        {
            _report.Notes.Add($"The hard stop ({_o.HardStop.TotalMinutes} min) ended the suite early.");
            exit = 3;
        }
        catch (Exception ex)
        {
            _report.Notes.Add($"The suite failed: {ex.GetType().Name}: {ex.Message}");
            Console.Error.WriteLine(ex);
            exit = 1;
        }
        _report.FinishedAt = DateTimeOffset.Now.ToString("O");
        _report.Complete = exit == 0;
        _report.Machine["loadAverageAtEnd"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
        _report.Machine["cpuPressureAtEnd"] = File.Exists("/proc/pressure/cpu") ? File.ReadAllText("/proc/pressure/cpu").Split('\n')[0].Trim() : null;
        _report.Machine["note"] = "cpuPressure 'some avgN' = % of time runnable tasks waited for a CPU: high values mean other load (this VM shares its host).";
        return exit;
    }

    /// <summary>Writes the report (results/&lt;timestamp&gt;.md/.json and latest.*) and prints its figures.</summary>
    public void WriteReport()
    {
        var (md, json) = Save();
        Console.WriteLine();
        Console.WriteLine($"Report: {md}\n        {json}\n        (copied to {Path.Combine(_o.ResultsDir, "latest.md")} / latest.json)");
        Console.WriteLine();
        foreach (var f in _report.Figures)
            Console.WriteLine($"  {f.Name,-62} {f.Median,12:0.###} {f.Unit,-9} {(f.RatioToBaseline is { } r ? $"{r:P1} of {f.BaselineId}" : ""),-36} {f.Status}");
    }

    private (string md, string json) Save() => _report.Write(_o.ResultsDir, _stamp);

    private async Task RunAll(ScenarioContext context, IReadOnlyList<LoadScenario> scenarios)
    {
        var sw = Stopwatch.StartNew();
        foreach (var scenario in scenarios) await Step(context, scenario);
        _report.Details["suiteSeconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1);
    }

    /// <summary>One scenario: its failure is a note (the suite goes on), its host log is counted, the report saved.</summary>
    private async Task Step(ScenarioContext context, LoadScenario scenario)
    {
        var name = scenario.Name;
        Console.WriteLine($"\n== {name} ==");
        try { await scenario.RunAsync(context); }
        catch (OperationCanceledException) when (context.Stop.IsCancellationRequested) { throw; }
        catch (Exception ex)
        {
            _report.Notes.Add($"Scenario '{name}' failed: {ex.GetType().Name}: {ex.Message}");
            Console.Error.WriteLine($"  scenario {name} failed: {ex}");
        }
        _report.Details[$"hostLog.{name}"] = CountingLoggerProvider.Instance.TakeSnapshot();
        Save();
    }
}
