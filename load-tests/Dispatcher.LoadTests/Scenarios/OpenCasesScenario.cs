using System.Diagnostics;
using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>
/// (c) One silo filled with <c>--open-cases</c> open cases: managed heap per case right after intake and
/// once idle (the target is judged on the idle figure), then a latency probe while it holds them.
/// </summary>
public sealed class OpenCasesScenario() : LoadScenario("open-cases",
    "managed heap per open case with its deadline in one silo (after intake and once idle), and intake p99 while holding them")
{
    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        if (o.Target is not null) { report.NotRun.Add("(c) Open cases: needs the in-process host (heap is measured inside it); not run with --target."); return; }
        var values = new List<double>();
        var activations = new List<double>();
        var idleValues = new List<double>();
        var runs = new List<RunResult>();
        var reps = 1; // heap per case is a deterministic size; one fill (bounded in time) is enough
        for (var rep = 1; rep <= reps; rep++)
        {
            Console.WriteLine($"-- open-cases {o.OpenCases:N0} (repetition {rep}/{reps})");
            await using var host = await EmbeddedDispatcher.Start();
            var driver = new GrainDriver(host.References, host.Numbers);
            // Warm the code paths, then measure the heap.
            var counters = new IntakeCounters();
            var mix = new IntakeMix(host.City, o.ConsultationShare);
            await ClosedLoop.Run("open-cases warm", 16, TimeSpan.Zero, TimeSpan.FromSeconds(60), 2000, IntakeOperation.Create(driver, mix, counters, null, 0), stop);
            var before = HeapAfterFullGc();
            var counters2 = new IntakeCounters();
            var fill = await ClosedLoop.Run($"open-cases fill {o.OpenCases:N0}", o.Callers, TimeSpan.Zero, o.OpenCasesFillLimit, o.OpenCases,
                IntakeOperation.Create(driver, mix, counters2, null, 0), stop);
            var after = HeapAfterFullGc();
            var n = counters2.Accepted;
            var perCase = (after - before) / 1024.0 / Math.Max(1, n);
            values.Add(perCase);
            var mgmt = host.Grains.GetGrain<IManagementGrain>(0);
            var act = await mgmt.GetTotalActivationCount();
            activations.Add(act);
            var inbox = await DepartmentCounts.OpenInboxTotal(host.Grains, host.City);
            fill.Extra["heapBeforeMB"] = Math.Round(before / 1048576.0, 1);
            fill.Extra["heapAfterMB"] = Math.Round(after / 1048576.0, 1);
            fill.Extra["heapPerOpenCaseKB"] = Math.Round(perCase, 3);
            fill.Extra["activations"] = act;
            fill.Extra["openInboxItems"] = inbox;
            fill.Extra["routedToDepartment"] = counters2.Routed + counters.Routed;
            fill.Extra["workingSetMB"] = Math.Round(Process.GetCurrentProcess().WorkingSet64 / 1048576.0, 1);
            Console.WriteLine($"   → {n:N0} open cases: heap {before / 1048576.0:0} → {after / 1048576.0:0} MB = {perCase:0.00} KB/case; {act:N0} activations; fill {fill.Throughput:0}/s");
            // What the silo holds once the cases are idle, as after their 2-minute collection age: idle
            // activations are collected, then every department is touched so its inbox is in memory again.
            await mgmt.ForceActivationCollection(TimeSpan.Zero);
            await DepartmentCounts.OpenInboxTotal(host.Grains, host.City);
            var idle = HeapAfterFullGc();
            var idlePerCase = (idle - before) / 1024.0 / Math.Max(1, n);
            idleValues.Add(idlePerCase);
            fill.Extra["heapIdleMB"] = Math.Round(idle / 1048576.0, 1);
            fill.Extra["heapPerIdleOpenCaseKB"] = Math.Round(idlePerCase, 3);
            fill.Extra["activationsIdle"] = await mgmt.GetTotalActivationCount();
            Console.WriteLine($"   → once idle: heap {idle / 1048576.0:0} MB = {idlePerCase:0.00} KB/case; {fill.Extra["activationsIdle"]:N0} activations");
            runs.Add(fill);
            // Latency while holding them: a short open-loop probe.
            var probe = await OpenLoop.Run($"open-cases probe {o.OpenRate}/s", [new RateSegment("probe", o.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(20), o.OpenRate)],
                TimeSpan.FromSeconds(o.Quick ? 2 : 5), o.MaxCount, IntakeOperation.Create(driver, mix, new IntakeCounters(), null, 0), stop);
            probe.Name = "open-cases.probe";
            runs.Add(probe);
            context.Save();
        }
        report.Details["open-cases"] = runs;
        report.Add("openCases.heapPerActiveCase", $"(c) Managed heap per open case, {o.OpenCases:N0} in one silo, right after intake (every case still activated)", "KB", values,
            $"GC.GetTotalMemory after full GC before/after; case activation, memory storage copy, case index row with its wake time, department inbox entry; activations {activations.Median():N0}");
        var f = report.Add("openCases.heapPerCase", $"(c) Managed heap per open case with its deadline, {o.OpenCases:N0} held in one silo once idle", "KB", idleValues,
            "after idle activations are collected (cases leave memory after 2 idle minutes, ADR-012) and every department's inbox is loaded again: memory storage copy, case index row with its wake time, department inbox entry");
        report.Judge(f, null, Targets.HeapPerCaseWithDeadlineKB, false, "≤ 5 KB heap including its deadline (≤ 2.5 KB without)");
        if (runs.FirstOrDefault() is { } first && first.Ok < o.OpenCases)
            report.Notes.Add($"(c) The fill stopped at its time limit ({o.OpenCasesFillLimit.TotalSeconds:0} s) with {first.Ok:N0} of {o.OpenCases:N0} open cases: intake slows down as department inboxes grow (see hot-path findings).");
        report.Add("openCases.fillRate", $"(c) Intake rate while filling to {o.OpenCases:N0} open cases (closed loop, no department work)", "cases/s",
            runs.Where(r => r.Name != "open-cases.probe").Select(r => r.Throughput).ToList());
        var probeP99 = report.Add("openCases.probe.p99", $"(c) Intake p99 at {o.OpenRate:0}/s while holding {o.OpenCases:N0} open cases", "ms",
            runs.Where(r => r.Name == "open-cases.probe").Select(r => r.Latency.P99).ToList());
        report.JudgeLatency(probeP99, runs.Where(r => r.Name == "open-cases.probe").ToList(), Targets.P99MemoryMs, "p99 ≤ 10 ms");
        if (o.OpenCases < 1_000_000)
            report.NotRun.Add($"(c) 1,000,000 open cases: this run held {o.OpenCases:N0}; run with --open-cases 1000000 --scenarios open-cases for the moonshot.");
    }

    private static long HeapAfterFullGc()
    {
        for (var i = 0; i < 3; i++) { GC.Collect(2, GCCollectionMode.Forced, true, true); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(true);
    }
}
