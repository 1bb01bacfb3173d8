using Dispatcher.Domain.City;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Suite;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>What every scenario gets from the suite: the options, the report, the hard stop, and the repetition loop.</summary>
public sealed class ScenarioContext(LoadOptions options, SuiteReport report, CancellationToken stop, Action save)
{
    private CityDirectory? _city;

    public LoadOptions Options => options;
    public SuiteReport Report => report;
    /// <summary>The suite's hard stop.</summary>
    public CancellationToken Stop => stop;

    public void Deconstruct(out LoadOptions o, out SuiteReport r, out CancellationToken s) => (o, r, s) = (options, report, stop);

    /// <summary>The city file the load is made from when no in-process host gives its own (with <c>--target</c>).</summary>
    public CityDirectory City => _city ??= CityDirectory.Load(Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json"));

    /// <summary>Writes the report as it stands (so a run cut short still leaves one).</summary>
    public void Save() => save();

    /// <summary>The transports to measure: HTTP only against <c>--target</c>, else those <c>--transports</c> names.</summary>
    public IEnumerable<string> Transports() =>
        options.Target is not null ? ["http"] : new[] { "grain", "http" }.Where(options.UsesTransport);

    /// <summary>Runs <paramref name="run"/> <c>--reps</c> times, prints each outcome, and keeps the runs in the report's details under <paramref name="id"/>.</summary>
    public async Task<List<RunResult>> Repeat(string id, Func<int, Task<RunResult>> run)
    {
        var list = new List<RunResult>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            stop.ThrowIfCancellationRequested();
            Console.WriteLine($"-- {id} (repetition {rep}/{options.Repetitions})");
            var r = await run(rep);
            Console.WriteLine($"   → {r.Throughput:0}/s ok={r.Ok} err={r.Errors} p50={r.Latency.P50}ms p99={r.Latency.P99}ms p99.9={r.Latency.P999}ms max={r.Latency.Max}ms cpu={r.Resources?.CpuPercentOfMachine}%");
            list.Add(r);
        }
        report.Details[id] = list;
        return list;
    }
}
