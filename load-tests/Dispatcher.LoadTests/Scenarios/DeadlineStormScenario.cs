using System.Globalization;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Storm;
using Dispatcher.Storage.Postgres;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>
/// (f) The deadline storm (issue 15 item 4, ADR-030): <c>--storm-cases</c> complaints taken at the
/// surge rate that nobody acknowledges, the acknowledge deadline shortened to
/// <c>--storm-ack</c>, on the embedded memory host and on PostgreSQL (one silo and two); each with the
/// default bucket count, and (unless <c>--quick</c>) with one bucket — the single scanner of ADR-012 —
/// in the same run for the before/after.
/// </summary>
public sealed class DeadlineStormScenario() : LoadScenario("storm",
    "lateness of every warning and breach (p50/p99/max), deadline events/s, steady-intake p99 meanwhile, two silos vs one")
{
    /// <summary>The product default (Dispatcher:Deadlines:Buckets); one bucket is the single scanner of before.</summary>
    private const int Buckets = 16;

    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        var rate = o.SurgeBase * o.SurgeFactor;
        var results = new List<StormResult>();
        async Task<StormResult> Storm(string label, int buckets, Func<List<string>, Task<List<EmbeddedDispatcher>>> start)
        {
            var hosts = await start(DeadlineArgs(o.StormAcknowledge, buckets));
            try
            {
                var r = await DeadlineStorm.Run(label, hosts, buckets, o.StormCases, rate, o.StormAcknowledge, o.StormSteadyRate, stop);
                results.Add(r);
                report.Details["storm"] = results;
                context.Save();
                return r;
            }
            finally
            {
                foreach (var h in hosts) await h.DisposeAsync();
            }
        }

        var memoryStorms = new List<(string Id, string Store, StormResult R)>();
        if (o.StormStores.Contains("memory") && o.StormCompare) memoryStorms.Add(("memory.before", "memory", await Storm("memory, 1 bucket", 1, async args => [await EmbeddedDispatcher.Start(args)])));
        if (o.StormStores.Contains("memory")) memoryStorms.Add(("memory", "memory", await Storm($"memory, {Buckets} buckets", Buckets, async args => [await EmbeddedDispatcher.Start(args)])));
        foreach (var (id, store, r) in memoryStorms) AddFigures(report, id, store, r, o);

        if (!o.StormStores.Contains("pg")) return;
        if (PostgresMode.Blocker(o) is { } why)
        {
            report.NotRun.Add($"(f) Deadline storm on PostgreSQL: not run — {why}.");
            return;
        }
        await SchemaMigrator.Migrate(o.Pg!, Console.Out, stop);
        if (o.StormCompare)
            AddFigures(report, "pg.before", "PostgreSQL", await Storm("PostgreSQL, 1 bucket", 1,
                async args => [await EmbeddedDispatcher.Start(PostgresMode.SingleSiloArgs(o).Concat(args))]), o);
        var one = await Storm($"PostgreSQL, {Buckets} buckets", Buckets, async args => [await EmbeddedDispatcher.Start(PostgresMode.SingleSiloArgs(o).Concat(args))]);
        AddFigures(report, "pg", "PostgreSQL", one, o);
        var two = await Storm($"PostgreSQL, two silos, {Buckets} buckets", Buckets, async args =>
        {
            var cluster = PostgresMode.NewClusterId("lts");
            int s1 = FreePorts.Next(), g1 = FreePorts.Next(), s2 = FreePorts.Next(), g2 = FreePorts.Next();
            // Orleans' default failure detection instead of ADR-021's one second: two silos sharing one
            // process and a CPU-starved machine stall their thread pools for over a second in a storm,
            // and would declare each other dead (the first reduced run lost its cluster that way).
            string[] patient = ["--Dispatcher:Cluster:Membership:ProbeTimeout=00:00:10", "--Dispatcher:Cluster:Membership:NumMissedProbesLimit=3"];
            var a = await EmbeddedDispatcher.Start(PostgresMode.HostArgs(o, cluster, s1, g1).Concat(args).Concat(patient), s1, g1);
            var b = await EmbeddedDispatcher.Start(PostgresMode.HostArgs(o, cluster, s2, g2).Concat(args).Concat(patient), s2, g2);
            // A reminder period: the buckets spread over both silos (ADR-030).
            await Task.Delay(TimeSpan.FromSeconds(65), stop);
            return [a, b];
        });
        AddFigures(report, "pg.twoSilos", "PostgreSQL, two silos", two, o);
        var cap = report.Add("storm.pg.twoSilos.capacity", "(f) Deadline events/s, two PostgreSQL silos (one process), busiest 5 s", "events/s", [two.PeakEventsPerSecond],
            $"one silo {one.PeakEventsPerSecond:0}/s in the same run; due at up to {two.PeakDuePerSecond:0}/s (two) and {one.PeakDuePerSecond:0}/s (one): " +
            "events cannot be written faster than they come due, so the ratio shows capacity only where a silo fell behind (its lateness grew)");
        report.Judge(cap, "storm.pg.capacity", null, true, "grows with silos (two vs one)");
    }

    private static List<string> DeadlineArgs(TimeSpan acknowledge, int buckets) =>
    [
        $"--Dispatcher:Deadlines:Acknowledge={acknowledge.ToString("c", CultureInfo.InvariantCulture)}",
        $"--Dispatcher:Deadlines:Buckets={buckets}",
    ];

    private static void AddFigures(SuiteReport report, string id, string store, StormResult r, Suite.LoadOptions o)
    {
        var what = $"{r.CasesTaken:N0} cases, {r.Buckets} bucket(s), {store}";
        var late = report.Add($"storm.{id}.lateness.p99", $"(f) Deadline storm: lateness p99 of every warning and breach (recorded − due), {what}", "ms", [r.LatenessP99Ms],
            $"p50 {r.LatenessP50Ms:0} ms, max {r.LatenessMaxMs:0} ms, breaches p99 {r.BreachLatenessP99Ms:0} ms; {r.Events:N0} events of {r.CasesWithDeadlines:N0} cases " +
            $"(all of them read); breaches not written {r.BreachesMissing}; intake {r.IntakeSeconds:0.#} s, errors {r.IntakeErrors}");
        report.Judge(late, null, Targets.StormLatenessP99Ms, false, "p99 ≤ 10 s");
        if (r.BreachesMissing > 0) { late.Status = "missed"; late.Verdict = $"{r.BreachesMissing} breaches were not written within 2 minutes of the last due time"; }
        report.Add($"storm.{id}.eventsPerSecond", $"(f) Deadline storm: events written per second, first to last, {what}", "events/s", [r.EventsPerSecond],
            $"busiest 5 s {r.PeakEventsPerSecond:0}/s; due at up to {r.PeakDuePerSecond:0}/s (busiest 5 s of due times)");
        report.Add($"storm.{id}.capacity", $"(f) Deadline storm: events written in the busiest 5 s, {what}", "events/s", [r.PeakEventsPerSecond]);
        var steady = report.Add($"storm.{id}.steady.p99", $"(f) Intake p99 of a steady {r.SteadyRate:0}/s open loop while the storm fires, {what}", "ms", [r.SteadyP99Ms],
            $"p50 {r.SteadyP50Ms} ms; achieved {r.SteadyThroughput:0}/s for {r.SteadySeconds:0} s; errors {r.SteadyErrors}");
        report.Judge(steady, null, Targets.StormIntakeP99Ms, false, "p99 ≤ 25 ms");
        if (r.SteadyErrors > 0 && steady.Status == "met") { steady.Status = "missed"; steady.Verdict = $"{r.SteadyErrors} intake errors"; }
    }
}
