using System.Collections.Concurrent;
using Dispatcher.Abstractions.Cases;
using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.Storm;

/// <summary>
/// One deadline storm on running hosts (issue 15 item 4): <c>cases</c> complaints taken at
/// <c>rate</c> (open loop) that nobody acknowledges, so each comes due three times (warnings) and
/// breaches once within the acknowledge deadline; a steady open-loop intake runs while they fire.
/// Lateness is read from every storm case's history: a deadline entry's time is its due time and
/// <see cref="HistoryEntry.RecordedAt"/> is when it was written (ADR-030).
/// </summary>
public static class DeadlineStorm
{
    private const int ReadParallelism = 64;
    /// <summary>
    /// How long after the last breach came due the run waits for breaches still missing. Generous,
    /// because a breach written after the give-up is left out of the lateness figures: a storm the
    /// silos fall far behind on (two silos sharing two cores: 3 minutes late) must still be measured
    /// whole. The suite's hard stop bounds it.
    /// </summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    public static async Task<StormResult> Run(string label, IReadOnlyList<EmbeddedDispatcher> hosts, int buckets, int cases, double rate,
        TimeSpan acknowledge, double steadyRate, CancellationToken stop)
    {
        var mix = new IntakeMix(hosts[0].City, consultationShare: 0);
        var counters = new IntakeCounters();
        var accepted = new ConcurrentQueue<string>();
        var ops = hosts.Select(h => IntakeOperation.Create(new GrainDriver(h.References, h.Numbers), mix, counters, null, 0, accepted)).ToArray();
        LoadOperation op = (i, ct) => ops[i % ops.Length](i, ct);

        Console.WriteLine($"-- deadline storm {label}: {cases:N0} cases at {rate:0}/s, acknowledge {acknowledge}, {buckets} bucket(s), {hosts.Count} silo(s)");
        var intakeStart = DateTimeOffset.UtcNow;
        var intake = await OpenLoop.Run($"storm intake {label}", [new RateSegment("storm", TimeSpan.FromSeconds(cases / rate), rate)], TimeSpan.Zero,
            cases, op, stop, maxInFlight: 512, drain: TimeSpan.FromSeconds(Math.Max(60, cases / 100.0))); // a slow store takes the cases after the schedule
        var intakeEnd = DateTimeOffset.UtcNow;
        Console.WriteLine($"   intake: {intake.Ok:N0} taken in {(intakeEnd - intakeStart).TotalSeconds:0.#} s, {intake.Errors} errors");

        // The steady intake covers the storm from the first warnings (half the deadline) to the last breach.
        var lastDue = intakeEnd + acknowledge;
        var untilFirstWarnings = intakeStart + acknowledge / 2 - DateTimeOffset.UtcNow;
        if (untilFirstWarnings > TimeSpan.Zero) await Task.Delay(untilFirstWarnings, stop);
        var steadyStart = DateTimeOffset.UtcNow;
        var steadyFor = lastDue + TimeSpan.FromSeconds(5) - steadyStart;
        var steadyOp = IntakeOperation.Create(new GrainDriver(hosts[0].References, hosts[0].Numbers), new IntakeMix(hosts[0].City, 0.5), new IntakeCounters(), null, 0);
        var steady = await OpenLoop.Run($"steady intake during the storm {label}", [new RateSegment("storm", steadyFor, steadyRate)], TimeSpan.Zero,
            long.MaxValue, steadyOp, stop, maxInFlight: 2000, drain: TimeSpan.FromSeconds(10));
        Console.WriteLine($"   steady {steadyRate:0}/s for {steadyFor.TotalSeconds:0} s: p50 {steady.Latency.P50} ms, p99 {steady.Latency.P99} ms, errors {steady.Errors}");

        var histories = await ReadUntilBreached(hosts[0].Grains, accepted.ToArray(), lastDue + GiveUpAfter, stop);
        var result = Measure(histories);
        result.Label = label;
        result.Buckets = buckets;
        result.Silos = hosts.Count;
        result.CasesTaken = intake.Ok;
        result.IntakeErrors = intake.Errors;
        result.IntakeSeconds = Math.Round((intakeEnd - intakeStart).TotalSeconds, 1);
        result.SteadyRate = steadyRate;
        result.SteadyP50Ms = steady.Latency.P50;
        result.SteadyP99Ms = steady.Latency.P99;
        result.SteadyThroughput = steady.Throughput;
        result.SteadyErrors = steady.Errors;
        result.SteadySeconds = Math.Round(steadyFor.TotalSeconds, 1);
        Console.WriteLine($"   → lateness p50 {result.LatenessP50Ms:0} ms, p99 {result.LatenessP99Ms:0} ms, max {result.LatenessMaxMs:0} ms; " +
                          $"{result.Events:N0} events, {result.EventsPerSecond:0}/s (peak {result.PeakEventsPerSecond:0}/s, due peak {result.PeakDuePerSecond:0}/s); " +
                          $"breaches missing {result.BreachesMissing} of {result.CasesWithDeadlines:N0}");
        return result;
    }

    /// <summary>Every case's history, read again for those whose breach is not written yet, until all are or time is up.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<HistoryEntry>>> ReadUntilBreached(IGrainFactory grains, string[] ids, DateTimeOffset giveUp,
        CancellationToken stop)
    {
        var histories = new ConcurrentDictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.Ordinal);
        var pending = ids;
        while (true)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = stop }, async (id, _) =>
            {
                try { histories[id] = (await grains.GetGrain<ICaseGrain>(id).Get()).History; }
                catch (Exception) when (!stop.IsCancellationRequested) { /* read again in the next round */ }
            });
            pending = pending.Where(id => !histories.TryGetValue(id, out var h) || (HasClock(h) && !h.Any(e => e.Action == CaseAction.Overdue))).ToArray();
            if (pending.Length == 0 || DateTimeOffset.UtcNow > giveUp) break;
            Console.WriteLine($"   waiting for {pending.Length:N0} breaches");
            await Task.Delay(TimeSpan.FromSeconds(5), stop);
        }
        return new Dictionary<string, IReadOnlyList<HistoryEntry>>(histories, StringComparer.Ordinal);
    }

    /// <summary>A case whose acknowledge clock ran: it was routed to a department (not triaged or transferred).</summary>
    private static bool HasClock(IReadOnlyList<HistoryEntry> history) => history.Any(e => e.Action == CaseAction.Route && e.DepartmentId is not null);

    private static StormResult Measure(Dictionary<string, IReadOnlyList<HistoryEntry>> histories)
    {
        var withClock = histories.Values.Where(HasClock).ToList();
        var events = withClock.SelectMany(h => h).Where(e => e.Action is CaseAction.Warn or CaseAction.Overdue && e.RecordedAt is not null).ToList();
        var lateness = events.Select(e => (e.RecordedAt!.Value - e.At).TotalMilliseconds).Order().ToArray();
        var breaches = events.Where(e => e.Action == CaseAction.Overdue).Select(e => (e.RecordedAt!.Value - e.At).TotalMilliseconds).Order().ToArray();
        var recorded = events.Select(e => e.RecordedAt!.Value).Order().ToArray();
        var span = recorded.Length < 2 ? double.NaN : (recorded[^1] - recorded[0]).TotalSeconds;
        return new StormResult
        {
            CasesWithDeadlines = withClock.Count,
            BreachesMissing = withClock.Count(h => !h.Any(e => e.Action == CaseAction.Overdue)),
            Events = events.Count,
            LatenessP50Ms = Percentile(lateness, 0.50),
            LatenessP99Ms = Percentile(lateness, 0.99),
            LatenessMaxMs = lateness.Length == 0 ? double.NaN : Math.Round(lateness[^1]),
            BreachLatenessP99Ms = Percentile(breaches, 0.99),
            EventsPerSecond = double.IsNaN(span) || span <= 0 ? double.NaN : Math.Round(events.Count / span, 1),
            PeakEventsPerSecond = PeakPerSecond(recorded),
            PeakDuePerSecond = PeakPerSecond(events.Select(e => e.At).Order().ToArray()),
        };
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);

    /// <summary>The most events in any 5-second window, per second.</summary>
    private static double PeakPerSecond(DateTimeOffset[] sorted)
    {
        var best = 0;
        for (int lo = 0, hi = 0; hi < sorted.Length; hi++)
        {
            while (sorted[hi] - sorted[lo] >= TimeSpan.FromSeconds(5)) lo++;
            best = Math.Max(best, hi - lo + 1);
        }
        return Math.Round(best / 5.0, 1);
    }
}
