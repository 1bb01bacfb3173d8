using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Peer;
using Dispatcher.LoadTests.Reporting;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>
/// (b′) The design a team would pick instead of actors (issue 15), on the same database and the
/// same workload: an ASP.NET Core + Npgsql intake writing each case in one transaction, variant A
/// with a live department counter, variant B without. Best of 16/32/64 clients, closed loop. Our
/// durable intake (scenario "postgres", same run) is then reported as a ratio to each variant.
/// </summary>
public sealed class ConventionalPeerScenario() : LoadScenario("peer",
    "the conventional design (ASP.NET Core + Npgsql, one transaction per case; A with a counter upsert, B without), and our durable intake as a ratio to it")
{
    private const double RatioToA = 1.5, RatioToB = 1.0;

    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        if (o.Pg is null) { report.NotRun.Add("(b′) Conventional peer: not run — no --pg connection string."); return; }
        try
        {
            foreach (var tr in context.Transports())
            {
                foreach (var variant in new[] { PeerVariant.A, PeerVariant.B })
                {
                    var id = $"peer.{variant}.{tr}";
                    var clients = await BestClientCount(context, variant, tr);
                    var runs = o.Quick
                        ? [clients.Run]
                        : await context.Repeat(id, _ => PeerRun.Closed(o, context.City, variant, tr, clients.Count, o.Warmup, o.Measure, stop));
                    if (o.Quick) report.Details[id] = runs;
                    var f = report.Add(id, $"(b′) Conventional peer {variant} ({(variant == PeerVariant.A ? "counter upsert, one batch" : "no counter")}), " +
                                           $"closed loop, best of {string.Join('/', PeerRun.ClientCounts)} clients = {clients.Count}, {(tr == "http" ? "HTTP on loopback" : "direct call")}", "cases/s",
                        runs.Select(RunFigures.ValidThroughput).ToList(),
                        $"{RunFigures.ErrorNote(runs)}; p99 {runs.Select(r => r.Latency.P99).Median():0.##} ms; case document {runs[0].Extra.GetValueOrDefault("payloadBytes"):0} bytes of jsonb");
                    report.Judge(f, "baseline.pgInsert", null, true, null);
                    context.Save();
                }
                Ratio(report, tr, PeerVariant.A, RatioToA);
                Ratio(report, tr, PeerVariant.B, RatioToB);
            }
        }
        finally
        {
            await PeerSchema.Drop(o.Pg);
        }
    }

    /// <summary>One short run per client count: the count with the highest throughput is the one measured (in a quick run, that run is the figure).</summary>
    private static async Task<(int Count, RunResult Run)> BestClientCount(ScenarioContext context, PeerVariant variant, string transport)
    {
        var o = context.Options;
        var warmup = o.Quick ? o.Warmup : TimeSpan.FromSeconds(3);
        var measure = o.Quick ? o.Measure : TimeSpan.FromSeconds(8);
        (int Count, RunResult Run)? best = null;
        foreach (var clients in PeerRun.ClientCounts)
        {
            Console.WriteLine($"-- peer {variant} {transport}, {clients} clients");
            var r = await PeerRun.Closed(o, context.City, variant, transport, clients, warmup, measure, context.Stop);
            Console.WriteLine($"   → {r.Throughput:0}/s ok={r.Ok} err={r.Errors} p99={r.Latency.P99}ms");
            context.Report.Details[$"peer.{variant}.{transport}.probe.{clients}"] = r;
            if (best is null || RunFigures.ValidThroughput(r) > RunFigures.ValidThroughput(best.Value.Run)) best = (clients, r);
        }
        return best!.Value;
    }

    /// <summary>Our durable intake over the same transport as a multiple of the peer variant (target: issue 15).</summary>
    private static void Ratio(SuiteReport report, string transport, PeerVariant variant, double target)
    {
        var ours = report.Find($"pg.intake.closed.{transport}");
        var peer = report.Find($"peer.{variant}.{transport}");
        if (ours is null || peer is null || peer.Median <= 0)
        {
            report.NotRun.Add($"(b′) Durable intake ({transport}) ÷ peer {variant}: needs scenario \"postgres\" in the same run.");
            return;
        }
        var f = report.Add($"peer.ratio.{transport}.{variant}", $"(b′) Our durable intake ÷ conventional peer {variant}, {transport}", "×",
            [ours.Median / peer.Median], $"{ours.Median:0} ÷ {peer.Median:0} cases/s, same run");
        report.Judge(f, null, target, true, $"≥ {target:0.0}× peer {variant}");
    }
}
