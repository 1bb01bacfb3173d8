using Dispatcher.LoadTests.Measurement;

namespace Dispatcher.LoadTests.Reporting;

/// <summary>The rules of performance.md for turning runs into figures: errors above 1 % void a run.</summary>
public static class RunFigures
{
    /// <summary>Throughput counts only at ≤ 1 % errors (performance.md): a run above that counts as 0.</summary>
    public static double ValidThroughput(RunResult r) => r.ErrorRate <= 0.01 ? r.Throughput : 0;

    public static string ErrorNote(List<RunResult> runs) =>
        $"errors {runs.Sum(r => r.Errors)} of {runs.Sum(r => r.Ok + r.Errors)}" + (runs.Any(r => r.ErrorRate > 0.01) ? " — a repetition had > 1 % errors and counts as 0" : "");

    /// <summary>Latency figures count only for runs with ≤ 1 % errors; otherwise the figure is marked missed.</summary>
    public static void JudgeLatency(this SuiteReport report, Figure f, List<RunResult> runs, double target, string text)
    {
        report.Judge(f, null, target, false, text);
        var bad = runs.Where(r => r.ErrorRate > 0.01).ToList();
        if (bad.Count == 0) return;
        f.Status = "missed";
        f.Verdict = $"{bad.Count} of {runs.Count} run(s) had > 1 % errors (worst {bad.Max(r => r.ErrorRate):P0}: requests unanswered within the drain/timeout) — latency of the successful ones only" + (f.Verdict is null ? "" : "; " + f.Verdict);
    }
}
