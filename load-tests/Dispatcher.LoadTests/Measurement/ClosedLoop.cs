using System.Diagnostics;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>Drives a <see cref="LoadOperation"/> closed loop: N callers back to back, for maximum throughput.</summary>
public static class ClosedLoop
{
    public static async Task<RunResult> Run(string name, int callers, TimeSpan warmup, TimeSpan measure, long maxCount,
        LoadOperation op, CancellationToken hardStop, Action<RunResult>? onMeasureEnd = null)
    {
        var total = Histograms.New();
        var perSecond = new SecondBuckets((int)Math.Ceiling(measure.TotalSeconds) + 2);
        var errors = new ErrorBook();
        long ok = 0, index = -1;
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        cts.CancelAfter(warmup + measure + TimeSpan.FromSeconds(30)); // hard stop for this run
        var sampler = new ResourceSampler();
        var progress = new Progress(name, perSecond, () => Interlocked.Read(ref ok), () => errors.Count, () => 0);
        var samplerStarted = 0;

        async Task Caller()
        {
            while (!cts.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= measureEnd) return;
                var i = Interlocked.Increment(ref index);
                if (i >= maxCount) return;
                if (now >= measureStart && Interlocked.Exchange(ref samplerStarted, 1) == 0) sampler.Start();
                try
                {
                    await op(i, cts.Token);
                    var end = Stopwatch.GetTimestamp();
                    if (now >= measureStart)
                    {
                        var us = Math.Max(1, (long)((end - now) / Histograms.TicksPerMicrosecond));
                        total.RecordValue(Math.Min(us, Histograms.HighestMicroseconds));
                        perSecond.Record(now - measureStart, us);
                        Interlocked.Increment(ref ok);
                    }
                }
                catch (Exception ex) when (!cts.IsCancellationRequested || ex is not OperationCanceledException)
                {
                    if (now >= measureStart) errors.Add(ex);
                }
                catch (OperationCanceledException) { return; }
            }
        }

        progress.Start(start, measureStart);
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(Caller)).ToArray();
        await Task.WhenAll(tasks);
        if (Interlocked.Exchange(ref samplerStarted, 1) == 0) sampler.Start();
        var resources = sampler.Stop();
        await progress.StopAsync();
        var seconds = Math.Max(0.001, Math.Min(Stopwatch.GetTimestamp(), measureEnd) - measureStart) / Stopwatch.Frequency;
        var r = new RunResult
        {
            Name = name, Mode = "closed", Callers = callers, Seconds = Math.Round(seconds, 2), Ok = ok, Errors = errors.Count,
            Throughput = Math.Round(ok / seconds, 1), Latency = LatencySummary.From(total), Resources = resources,
            FirstErrors = errors.Samples(),
        };
        onMeasureEnd?.Invoke(r);
        return r;
    }
}
