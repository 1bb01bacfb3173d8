using System.Diagnostics;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>
/// Drives a <see cref="LoadOperation"/> open loop: a fixed arrival schedule, latency from each
/// request's scheduled time (so no coordinated omission).
/// </summary>
public static class OpenLoop
{
    public static async Task<RunResult> Run(string name, IReadOnlyList<RateSegment> schedule, TimeSpan warmup, long maxCount,
        LoadOperation op, CancellationToken hardStop, int maxInFlight = 20_000, TimeSpan? drain = null)
    {
        // The warm-up is a first segment at the first segment's rate; it is not recorded.
        var segments = new List<RateSegment>();
        if (warmup > TimeSpan.Zero) segments.Add(new RateSegment("warmup", warmup, schedule[0].Rate));
        segments.AddRange(schedule);
        var measured = schedule.Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration);
        var total = Histograms.New();
        var phaseHist = schedule.Select(s => s.Phase).Distinct().ToDictionary(p => p, _ => Histograms.New());
        var phaseOk = schedule.Select(s => s.Phase).Distinct().ToDictionary(p => p, _ => new long[1]);
        var perSecond = new SecondBuckets((int)Math.Ceiling(measured.TotalSeconds) + 2);
        var errors = new ErrorBook();
        long ok = 0, inFlight = 0, issued = 0, late = 0;
        var closed = false; // set after the drain: stragglers no longer count (they are counted as unfinished errors)
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        var drainTime = drain ?? TimeSpan.FromSeconds(15);
        cts.CancelAfter(warmup + measured + drainTime + TimeSpan.FromSeconds(5));
        var sampler = new ResourceSampler();
        var progress = new Progress(name, perSecond, () => Interlocked.Read(ref ok), () => errors.Count, () => Interlocked.Read(ref inFlight));

        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        // Scheduled time (ticks from start) of each segment's beginning.
        var segStart = new long[segments.Count + 1];
        for (var s = 0; s < segments.Count; s++) segStart[s + 1] = segStart[s] + (long)(segments[s].Duration.TotalSeconds * Stopwatch.Frequency);

        async Task Fire(long i, long scheduled, string? phase)
        {
            try
            {
                await op(i, cts.Token);
                var us = Math.Max(1, (long)((Stopwatch.GetTimestamp() - scheduled) / Histograms.TicksPerMicrosecond));
                if (phase is not null && !Volatile.Read(ref closed))
                {
                    total.RecordValue(Math.Min(us, Histograms.HighestMicroseconds));
                    phaseHist[phase].RecordValue(Math.Min(us, Histograms.HighestMicroseconds));
                    perSecond.Record(scheduled - measureStart, us);
                    Interlocked.Increment(ref ok);
                    Interlocked.Increment(ref phaseOk[phase][0]);
                }
            }
            catch (Exception ex)
            {
                if (phase is not null && !Volatile.Read(ref closed)) errors.Add(ex);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
                slots.Release();
            }
        }

        progress.Start(start, measureStart);
        var samplerOn = false;
        for (var s = 0; s < segments.Count && !cts.IsCancellationRequested; s++)
        {
            var seg = segments[s];
            var phase = seg.Phase == "warmup" ? null : seg.Phase;
            if (phase is not null && !samplerOn) { sampler.Start(); samplerOn = true; }
            var n = (long)Math.Floor(seg.Duration.TotalSeconds * seg.Rate);
            var interval = Stopwatch.Frequency / seg.Rate;
            for (long k = 0; k < n && !cts.IsCancellationRequested && issued < maxCount; k++)
            {
                var scheduled = start + segStart[s] + (long)(k * interval);
                // Never early, at most a timer tick late (and lateness counts in the latency): no spinning on a 2-core box.
                long wait;
                while ((wait = scheduled - Stopwatch.GetTimestamp()) > 0)
                    await Task.Delay(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                if (!slots.Wait(0))
                {
                    Interlocked.Increment(ref late);
                    try { await slots.WaitAsync(cts.Token); } catch (OperationCanceledException) { break; }
                }
                Interlocked.Increment(ref inFlight);
                issued++;
                var i = issued;
                _ = Fire(i, scheduled, phase);
            }
        }
        var scheduleEnd = Stopwatch.GetTimestamp();
        // Drain: wait for what is in flight, up to the drain time; what is still open then counts as an error.
        var drainUntil = scheduleEnd + (long)(drainTime.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref inFlight) > 0 && Stopwatch.GetTimestamp() < drainUntil) await Task.Delay(20);
        Volatile.Write(ref closed, true);
        var unfinished = Interlocked.Read(ref inFlight);
        var resources = sampler.Stop();
        await progress.StopAsync();
        var seconds = measured.TotalSeconds;
        var r = new RunResult
        {
            Name = name, Mode = "open", OfferedRate = schedule.Max(s => s.Rate), Seconds = Math.Round(seconds, 2), Ok = ok,
            Errors = errors.Count + unfinished, Throughput = Math.Round(ok / seconds, 1), Latency = LatencySummary.From(total),
            Resources = resources, FirstErrors = errors.Samples(),
            Phases = phaseHist.ToDictionary(kv => kv.Key, kv => LatencySummary.From(kv.Value)),
            PhaseThroughput = schedule.GroupBy(s => s.Phase).ToDictionary(g => g.Key, g => Math.Round(phaseOk[g.Key][0] / g.Sum(x => x.Duration.TotalSeconds), 1)),
            P99PerSecond = perSecond.P99s(),
        };
        if (unfinished > 0) r.FirstErrors["unfinished after drain"] = $"{unfinished} requests still in flight {drainTime.TotalSeconds:0}s after the schedule ended";
        r.Extra["issuedLateBecauseInFlightCap"] = late;
        return r;
    }
}
