using System.Collections.Concurrent;
using Dispatcher.LoadTests.IntakeRuns;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Reporting;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>
/// (e) The surge ramp: <c>--surge-base</c> → ×<c>--surge-factor</c> → back, open loop; p99 per phase,
/// seconds until p99 is back under the target, and a GET of every accepted case afterwards.
/// </summary>
public sealed class SurgeScenario() : LoadScenario("surge",
    "p99 per phase of a 10× surge, seconds until p99 is back ≤ 10 ms, and accepted cases lost")
{
    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        var tr = context.Transports().First();
        var peak = o.SurgeBase * o.SurgeFactor;
        var recoveries = new List<double>();
        var reps = o.Quick ? 1 : o.Repetitions;
        var all = new List<RunResult>();
        for (var rep = 1; rep <= reps; rep++)
        {
            Console.WriteLine($"-- surge {o.SurgeBase}/s → {peak}/s → {o.SurgeBase}/s via {tr} (repetition {rep}/{reps})");
            var accepted = new ConcurrentQueue<string>();
            var r = await IntakeRun.Run(context, "surge", tr, op => OpenLoop.Run($"surge {tr}",
                [new RateSegment("before", o.SurgeBefore, o.SurgeBase), new RateSegment("surge", o.SurgePeak, peak), new RateSegment("after", o.SurgeAfter, o.SurgeBase)],
                o.Warmup, o.MaxCount, op, stop, drain: TimeSpan.FromSeconds(30)), accepted: accepted, after: async (t, res) =>
            {
                // Is every accepted case there? GET each one (grain or HTTP), 32 at a time.
                var ids = accepted.ToArray();
                long missing = 0, failed = 0;
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = stop }, async (id, ct) =>
                {
                    try { if (!await t.Driver.Exists(id, ct)) Interlocked.Increment(ref missing); }
                    catch { Interlocked.Increment(ref failed); }
                });
                res.Extra["acceptedChecked"] = ids.Length;
                res.Extra["missing"] = missing;
                res.Extra["checkFailed"] = failed;
            });
            // Recovery: seconds after the surge until every later second's p99 is back under the target.
            var surgeEnd = (int)(o.SurgeBefore + o.SurgePeak).TotalSeconds;
            var p = r.P99PerSecond;
            var end = Math.Min(p.Count, surgeEnd + (int)o.SurgeAfter.TotalSeconds);
            var rec = double.NaN;
            for (var s = surgeEnd; s < end; s++)
            {
                if (Enumerable.Range(s, end - s).All(k => p[k] >= 0 && p[k] <= Targets.P99MemoryMs)) { rec = s - surgeEnd; break; }
            }
            r.Extra["recoverySeconds"] = double.IsNaN(rec) ? -1 : rec;
            recoveries.Add(double.IsNaN(rec) ? double.PositiveInfinity : rec);
            Console.WriteLine($"   → phases: " + string.Join(", ", r.Phases.Select(kv => $"{kv.Key} p99={kv.Value.P99}ms ({r.PhaseThroughput[kv.Key]:0}/s)")) +
                              $"; recovered after {(double.IsNaN(rec) ? "never (within the window)" : rec + " s")}; missing {r.Extra["missing"]} of {r.Extra["acceptedChecked"]}");
            all.Add(r);
            context.Save();
        }
        report.Details["surge"] = all;
        foreach (var phase in new[] { "before", "surge", "after" })
        {
            var f = report.Add($"surge.{phase}.p99", $"(e) Surge p99, phase '{phase}' ({(phase == "surge" ? peak : o.SurgeBase):0}/s offered), {tr}", "ms",
                all.Select(r => r.Phases.TryGetValue(phase, out var l) ? l.P99 : double.NaN).ToList(),
                $"p99.9 {all.Select(r => r.Phases.TryGetValue(phase, out var l) ? l.P999 : double.NaN).Median():0.##} ms; achieved {all.Select(r => r.PhaseThroughput.GetValueOrDefault(phase)).Median():0}/s");
            report.JudgeLatency(f, all, Targets.P99MemoryMs, "p99 ≤ 10 ms");
        }
        var recF = report.Add("surge.recoverySeconds", "(e) Seconds after the surge until p99 stays ≤ 10 ms", "s", recoveries.Select(v => double.IsInfinity(v) ? double.NaN : v).ToList(),
            recoveries.Any(double.IsInfinity) ? $"{recoveries.Count(double.IsInfinity)} repetition(s) did not recover within the {o.SurgeAfter.TotalSeconds:0}s after-window" : null);
        report.Judge(recF, null, Targets.SurgeRecoverySeconds, false, "≤ 30 s");
        if (recoveries.Any(double.IsInfinity)) { recF.Status = "missed"; recF.Verdict = "did not recover within the window in at least one repetition"; }
        var lost = all.Sum(r => r.Extra.GetValueOrDefault("missing"));
        var lf = report.Add("surge.lost", "(e) Accepted cases missing afterwards (GET each)", "cases", [lost],
            $"checked {all.Sum(r => r.Extra.GetValueOrDefault("acceptedChecked")):N0}; check calls failed {all.Sum(r => r.Extra.GetValueOrDefault("checkFailed"))}; intake errors {all.Sum(r => r.Errors)}; counter drift (received) {all.Sum(r => r.Extra.GetValueOrDefault("counterDrift.received"))}");
        lf.Target = "nothing lost"; lf.Status = lost == 0 ? "met" : "missed";
    }
}
