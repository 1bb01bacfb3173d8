using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.IntakeRuns;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.Storage.Postgres;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>
/// (b) Intake as in <see cref="EmbeddedIntakeScenario"/> on in-process hosts in PostgreSQL mode on the
/// <c>--pg</c> database (migrated first), each run a cluster of its own.
/// </summary>
public sealed class PostgresIntakeScenario() : LoadScenario("postgres",
    "max durable intake (closed loop) and its p99 at --pg-rate (open loop), PostgreSQL mode, per transport")
{
    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        if (PostgresMode.Blocker(o) is { } why) { report.NotRun.Add($"(b) PostgreSQL mode: not run — {why}."); return; }
        await SchemaMigrator.Migrate(o.Pg!, Console.Out, stop);
        foreach (var tr in context.Transports())
        {
            var closed = await IntakeRun.RepeatClosed(context, $"pg.intake.closed.{tr}", $"pg intake closed {tr}", tr, () => PostgresMode.SingleSiloArgs(o));
            var f = report.Add($"pg.intake.closed.{tr}", $"(b) Max durable intake, PostgreSQL mode, closed loop {o.Callers} callers, {tr}", "cases/s",
                closed.Select(RunFigures.ValidThroughput).ToList(), $"{RunFigures.ErrorNote(closed)}; p99 {closed.Select(r => r.Latency.P99).Median():0.##} ms");
            report.Judge(f, "baseline.pgInsert", Targets.PgIntakeCasesPerSecond, true, "≥ 2,300 cases/s (floor 1,000/s)", Targets.PgIntakeRatio);
            var open = await IntakeRun.RepeatOpen(context, $"pg.intake.open.{tr}", $"pg intake open {tr} {o.PgOpenRate}/s", tr, o.PgOpenRate, () => PostgresMode.SingleSiloArgs(o));
            var p = report.Add($"pg.intake.open.{tr}.p99", $"(b) Intake p99, PostgreSQL mode, open loop {o.PgOpenRate:0}/s, {tr}", "ms", open.Select(r => r.Latency.P99).ToList(),
                $"p99.9 {open.Select(r => r.Latency.P999).Median():0.##} ms; {RunFigures.ErrorNote(open)}");
            report.JudgeLatency(p, open, Targets.P99PgMs, "p99 ≤ 25 ms at 1,000/s");
            context.Save();
        }
    }
}
