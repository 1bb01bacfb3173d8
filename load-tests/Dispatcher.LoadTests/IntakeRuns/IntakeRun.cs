using System.Collections.Concurrent;
using System.Diagnostics;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Scenarios;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.IntakeRuns;

public static class IntakeRun
{
    /// <summary>One intake run with department workers behind it, plus the counter-drift check.</summary>
    /// <param name="drive">Runs the intake operation it is given (open or closed loop) and returns the measured run.</param>
    /// <param name="accepted">Collects the id of every accepted case, when given.</param>
    /// <param name="after">Runs against the target after the run and its check, before the host stops.</param>
    public static async Task<RunResult> Run(ScenarioContext context, string name, string transport, Func<LoadOperation, Task<RunResult>> drive,
        IEnumerable<string>? hostArgs = null, ConcurrentQueue<string>? accepted = null, Func<DispatcherTarget, RunResult, Task>? after = null)
    {
        var o = context.Options;
        await using var t = await DispatcherTarget.Open(context, transport, hostArgs);
        var counters = new IntakeCounters();
        var before = t.Grains is null ? null : await DepartmentCounts.Totals(t.Grains, t.City, TimeSpan.FromSeconds(20));
        var work = new DepartmentWork(t.Driver, t.City, o.ReturnShare);
        work.Start(o.DepartmentWorkers);
        var sw = Stopwatch.StartNew();
        var r = await drive(IntakeOperation.Create(t.Driver, new IntakeMix(t.City, o.ConsultationShare), counters, work, o.WorkShare, accepted));
        var workSeconds = sw.Elapsed.TotalSeconds;
        await work.Stop();
        r.Name = name;
        r.Extra["intakeAccepted"] = counters.Accepted;
        r.Extra["consultations"] = counters.Consultations;
        r.Extra["answeredAtFirstContact"] = counters.AnsweredAtFirstContact;
        r.Extra["routedToDepartment"] = counters.Routed;
        r.Extra["toTriage"] = counters.Triaged;
        var ws = work.Summary(workSeconds);
        r.Extra["departmentOpsPerSecond"] = (double)ws["opsPerSecond"];
        r.Extra["departmentOpErrors"] = work.Errors;
        r.Extra["departmentOpsAbandoned"] = work.Abandoned;
        r.Extra["departmentOpP99Ms"] = LatencySummary.From(work.Latency).P99;
        context.Report.Details[$"{name}.departmentWork.{DateTime.Now:HHmmss}"] = ws;
        if (t.Grains is not null && before is not null) await CounterDriftCheck.Run(t, r, before, counters, work);
        if (after is not null) await after(t, r);
        return r;
    }

    /// <summary><see cref="Run"/> in a closed loop of <c>--callers</c>, <c>--reps</c> times; <paramref name="hostArgs"/> is asked once per repetition.</summary>
    public static Task<List<RunResult>> RepeatClosed(ScenarioContext context, string id, string runName, string transport, Func<IEnumerable<string>>? hostArgs = null)
    {
        var o = context.Options;
        return context.Repeat(id, _ => Run(context, id, transport,
            op => ClosedLoop.Run(runName, o.Callers, o.Warmup, o.Measure, o.MaxCount, op, context.Stop), hostArgs?.Invoke()));
    }

    /// <summary><see cref="Run"/> in an open loop at a steady <paramref name="rate"/>, <c>--reps</c> times; <paramref name="hostArgs"/> is asked once per repetition.</summary>
    public static Task<List<RunResult>> RepeatOpen(ScenarioContext context, string id, string runName, string transport, double rate, Func<IEnumerable<string>>? hostArgs = null)
    {
        var o = context.Options;
        return context.Repeat(id, _ => Run(context, id, transport,
            op => OpenLoop.Run(runName, [new RateSegment("steady", o.Measure, rate)], o.Warmup, o.MaxCount, op, context.Stop), hostArgs?.Invoke()));
    }
}
