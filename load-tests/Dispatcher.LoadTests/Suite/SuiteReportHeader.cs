using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.Suite;

/// <summary>A new report with what every run states up front: mode, machine, settings, the analysis and the standing notes.</summary>
public static class SuiteReportHeader
{
    public static SuiteReport Create(LoadOptions o, string[] args)
    {
        var report = new SuiteReport
        {
            Mode = (o.Quick ? "quick smoke (NOT a measurement by performance.md rules: short warm-up and window, 1 repetition)" : "full")
                   + (o.Target is null ? ", embedded host in this process" : $", HTTP against {o.Target}"),
            Machine = MachineFacts.Collect(),
        };
        report.Settings = new()
        {
            ["warmupSeconds"] = o.Warmup.TotalSeconds, ["measureSeconds"] = o.Measure.TotalSeconds, ["repetitions"] = o.Repetitions,
            ["closedLoopCallers"] = o.Callers, ["baselineCallers"] = o.BaselineCallers, ["openLoopRate"] = o.OpenRate,
            ["surge"] = $"{o.SurgeBase}/s for {o.SurgeBefore.TotalSeconds}s → {o.SurgeBase * o.SurgeFactor}/s for {o.SurgePeak.TotalSeconds}s → {o.SurgeBase}/s for {o.SurgeAfter.TotalSeconds}s",
            ["openCases"] = o.OpenCases, ["departmentWorkers"] = o.DepartmentWorkers, ["workShare"] = o.WorkShare,
            ["consultationShare"] = o.ConsultationShare, ["returnShare"] = o.ReturnShare, ["scenarios"] = string.Join(",", o.Scenarios),
            ["transports"] = o.Transports, ["postgres"] = o.PgRedacted ?? "(none)", ["hardStopMinutes"] = o.HardStop.TotalMinutes,
            ["args"] = string.Join(' ', args.Select(a => a.Contains("Password", StringComparison.OrdinalIgnoreCase) ? "(pg connection string)" : a)),
        };
        if (o.Notes.Length > 0) report.Notes.Add(o.Notes);
        // The analysis lives beside the results folder (load-tests/analysis.md) and travels with each report.
        var analysis = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.ResultsDir))!, "analysis.md");
        if (File.Exists(analysis)) report.Analysis = File.ReadAllText(analysis);
        report.Notes.Add($"Consultations ({o.ConsultationShare:P0} of the mix) whose category has a knowledge entry are answered and closed at first contact by one of {LoadAgents.Count} call-takers (R2; never dispatched); the others are taken as cases and left open (departments do not work consultations).");
        report.Notes.Add("Open cases carry their live deadlines: a wake time on the case's index row, woken by the cluster's deadline scanner (ADR-012; no reminder per case): the heap-per-case figure is judged against the ≤ 5 KB with-deadline target.");
        report.Notes.Add("Host warnings/errors are counted per category instead of printed (logging level Warning as on the hot path); see details.hostLog.");
        report.Notes.Add("Load generator and dispatcher share one process and the machine's cores: CPU figures are for both, and the limits (baselines) are measured the same way.");
        report.Notes.Add("Open-loop latency is measured from each request's scheduled time; the pacer never fires early and may fire up to one timer tick (~1 ms) late, which counts in the latency.");
        return report;
    }
}
