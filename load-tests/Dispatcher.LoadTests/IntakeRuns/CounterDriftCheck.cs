using System.Diagnostics;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.IntakeRuns;

public static class CounterDriftCheck
{
    /// <summary>
    /// Department counters against what the clients saw succeed. Case grains deliver their outbox
    /// notices after the client's call returns only if a delivery failed (then a timer retries every
    /// 5 s), and a call the client gave up on (HTTP timeout, open-loop drain) still runs in the silo — so
    /// the check first waits until every intake sent has come back (≤ 60 s), looks up every intake the
    /// client saw fail (a case the silo took anyway, routed to a department, is expected in "received"
    /// too), and re-counts every 2 s until the counters match or stop moving (≤ 120 s in all).
    /// What remains is drift.
    /// </summary>
    public static async Task Run(DispatcherTarget t, RunResult r, MonthCounters before, IntakeCounters counters, DepartmentWork work)
    {
        Dictionary<string, long>? drift = null;
        long appliedDespiteError = 0, uncertainChecked = 0;
        var uncertainDone = false;
        var settle = Stopwatch.StartNew();
        // First let every intake still out come back (answer, error or timeout): until then neither the
        // client's counts nor the list of failed intakes is final. Bounded: grain calls time out at 30 s.
        while (Interlocked.Read(ref counters.InFlight) > 0 && settle.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(250);
        r.Extra["intakeStillInFlightAtCheck"] = Interlocked.Read(ref counters.InFlight);
        string? previous = null;
        var unchangedChecks = 0;
        while (true)
        {
            var a = await DepartmentCounts.Totals(t.Grains!, t.City, TimeSpan.FromSeconds(20));
            if (a is null)
            {
                if (settle.Elapsed < TimeSpan.FromSeconds(90)) { await Task.Delay(2000); continue; }
                r.Extra["counterDriftUnchecked"] = 1;
                r.FirstErrors["counter check"] = "department grains did not answer GetStats within 20 s (backlog in their queues) for 90 s; drift not checked";
                return;
            }
            drift = new Dictionary<string, long>
            {
                ["received"] = a.Received - before.Received - (counters.Routed + work.Redispatched + appliedDespiteError),
                ["acknowledged"] = a.Acknowledged - before.Acknowledged - work.Acknowledged,
                ["replied"] = a.Replied - before.Replied - work.Replied,
                ["resolved"] = a.Resolved - before.Resolved - work.Resolved,
                ["returned"] = a.Returned - before.Returned - work.Returned,
            };
            if (drift.Values.All(v => v == 0)) break;
            if (!uncertainDone && !counters.Uncertain.IsEmpty)
            {
                // Intakes the client saw fail: did the silo take them after all (and route them)?
                uncertainDone = true;
                foreach (var id in counters.Uncertain.ToArray())
                {
                    uncertainChecked++;
                    try
                    {
                        var v = await t.Grains!.GetGrain<ICaseGrain>(id).Get().WaitAsync(TimeSpan.FromSeconds(10));
                        // Never worked by the workers (the client has no receipt): its department is the one intake routed it to.
                        if (v.DepartmentId is not null && v.Status != CaseStatus.Merged) appliedDespiteError++;
                    }
                    catch { /* not there (never taken) or not answering: not expected */ }
                }
                continue;
            }
            var key = string.Join(",", drift.Values) + "|" + counters.Routed + "|" + work.Acknowledged;
            unchangedChecks = key == previous ? unchangedChecks + 1 : 0;
            previous = key;
            // Stop when nothing has moved for three re-counts (two outbox retry periods) or after 60 s.
            if ((unchangedChecks >= 3 && work.Idle) || settle.Elapsed > TimeSpan.FromSeconds(120)) break;
            await Task.Delay(2000);
        }
        foreach (var (k, v) in drift) r.Extra[$"counterDrift.{k}"] = v;
        r.Extra["counterSettleSeconds"] = Math.Round(settle.Elapsed.TotalSeconds, 1);
        r.Extra["intakeErrorsTakenBySilo"] = appliedDespiteError;
        r.Extra["intakeErrorsLookedUp"] = uncertainChecked;
    }
}
