using Dispatcher.LoadTests.Baselines;
using Dispatcher.LoadTests.Reporting;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>The machine's own limits, measured in the same run: every other figure is also a ratio to one of them.</summary>
public sealed class BaselinesScenario() : LoadScenario("baselines",
    "raw Orleans grain call; new grain + memory state write; PostgreSQL single-row 1 KB INSERT (with --pg)")
{
    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        var ping = await context.Repeat("baseline.grainPing", _ => SiloBaselines.GrainPing(o, stop));
        report.Add("baseline.grainPing", $"Raw Orleans grain call, {o.BaselineCallers} callers, empty method (bare silo)", "calls/s", ping.Select(RunFigures.ValidThroughput).ToList(), RunFigures.ErrorNote(ping));
        report.Add("baseline.grainPing.p99", "Raw grain call p99", "ms", ping.Select(r => r.Latency.P99).ToList());
        var write = await context.Repeat("baseline.newGrainWrite", _ => SiloBaselines.NewGrainWrite(o, stop));
        report.Add("baseline.newGrainWrite", $"New grain + memory state write, {o.BaselineCallers} callers (bare silo)", "grains/s", write.Select(RunFigures.ValidThroughput).ToList(), RunFigures.ErrorNote(write));
        report.Add("baseline.newGrainWrite.p99", "New grain + memory write p99", "ms", write.Select(r => r.Latency.P99).ToList());
        if (o.Pg is null)
        {
            report.NotRun.Add("Baseline: PostgreSQL single-row insert — no --pg connection string given (run.sh starts a throwaway local PostgreSQL when the binaries are installed).");
            return;
        }
        var facts = new Dictionary<string, object?>();
        var pg = await context.Repeat("baseline.pgInsert", async _ => { var (r, f) = await PostgresInsertBaseline.Run(o, stop); facts = f; return r; });
        report.Add("baseline.pgInsert", $"PostgreSQL single-row 1 KB INSERT, {o.BaselineCallers} clients (Npgsql, prepared)", "rows/s", pg.Select(RunFigures.ValidThroughput).ToList(),
            $"synchronous_commit={facts.GetValueOrDefault("synchronous_commit")}, fsync={facts.GetValueOrDefault("fsync")}, PostgreSQL {facts.GetValueOrDefault("serverVersion")}; {RunFigures.ErrorNote(pg)}");
        report.Add("baseline.pgInsert.p99", "PostgreSQL insert p99", "ms", pg.Select(r => r.Latency.P99).ToList());
        report.Details["baseline.pgFacts"] = facts;
    }
}
