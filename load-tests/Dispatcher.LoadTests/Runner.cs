using System.Diagnostics;
using HdrHistogram;

namespace Dispatcher.LoadTests;

/// <summary>One operation under load: returns normally on success, throws on error.</summary>
public delegate ValueTask LoadOperation(long index, CancellationToken cancellationToken);

/// <summary>A segment of an open-loop arrival schedule.</summary>
public sealed record RateSegment(string Phase, TimeSpan Duration, double Rate);

/// <summary>Latency summary in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary From(HistogramBase h)
    {
        // A straggler may still record while we read (after a drain timeout): retry on a torn read.
        for (var attempt = 0; ; attempt++)
        {
            try { return Read(h); }
            catch (InvalidOperationException) when (attempt < 5) { Thread.Sleep(10); }
        }
    }

    private static LatencySummary Read(HistogramBase h)
    {
        if (h.TotalCount == 0) return new(0, 0, 0, 0, 0, 0, 0);
        static double Ms(long us) => Math.Round(us / 1000.0, 3);
        return new(h.TotalCount, Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(90)), Ms(h.GetValueAtPercentile(99)),
            Ms(h.GetValueAtPercentile(99.9)), Ms(h.GetValueAtPercentile(100)), Math.Round(h.GetMean() / 1000.0, 3));
    }
}

public sealed record ResourceUse(double CpuSeconds, double CpuPercentOfMachine, double GcHeapMbEnd, double GcHeapMbMax, double WorkingSetMbMax, int Gen2Collections, double GcPausePercent);

/// <summary>The outcome of one measured run.</summary>
public sealed class RunResult
{
    public string Name { get; set; } = "";
    public string Mode { get; set; } = "";           // open or closed
    public double OfferedRate { get; set; }
    public int Callers { get; set; }
    public double Seconds { get; set; }
    public long Ok { get; set; }
    public long Errors { get; set; }
    public double Throughput { get; set; }           // successful operations per second in the measured window
    public double ErrorRate => Ok + Errors == 0 ? 0 : (double)Errors / (Ok + Errors);
    public LatencySummary Latency { get; set; } = new(0, 0, 0, 0, 0, 0, 0);
    public Dictionary<string, LatencySummary> Phases { get; set; } = [];
    public Dictionary<string, double> PhaseThroughput { get; set; } = [];
    public List<double> P99PerSecond { get; set; } = [];   // by scheduled second since measurement start (open loop)
    public ResourceUse? Resources { get; set; }
    public Dictionary<string, string> FirstErrors { get; set; } = [];
    public Dictionary<string, double> Extra { get; set; } = [];
}

/// <summary>
/// Drives a <see cref="LoadOperation"/> open loop (fixed arrival schedule; latency from each
/// request's scheduled time, so no coordinated omission) or closed loop (N callers back to back).
/// </summary>
public static class Runner
{
    private const long HighestUs = 3_600_000_000; // one hour
    public static LongConcurrentHistogram NewHistogram() => new(1, HighestUs, 3);
    private static readonly double TicksPerUs = Stopwatch.Frequency / 1_000_000.0;

    public static async Task<RunResult> Closed(string name, int callers, TimeSpan warmup, TimeSpan measure, long maxCount,
        LoadOperation op, CancellationToken hardStop, Action<RunResult>? onMeasureEnd = null)
    {
        var total = NewHistogram();
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
                        var us = Math.Max(1, (long)((end - now) / TicksPerUs));
                        total.RecordValue(Math.Min(us, HighestUs));
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

    public static async Task<RunResult> Open(string name, IReadOnlyList<RateSegment> schedule, TimeSpan warmup, long maxCount,
        LoadOperation op, CancellationToken hardStop, int maxInFlight = 20_000, TimeSpan? drain = null)
    {
        // The warm-up is a first segment at the first segment's rate; it is not recorded.
        var segments = new List<RateSegment>();
        if (warmup > TimeSpan.Zero) segments.Add(new RateSegment("warmup", warmup, schedule[0].Rate));
        segments.AddRange(schedule);
        var measured = schedule.Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration);
        var total = NewHistogram();
        var phaseHist = schedule.Select(s => s.Phase).Distinct().ToDictionary(p => p, _ => NewHistogram());
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
        var pending = new List<Task>();

        async Task Fire(long i, long scheduled, string? phase)
        {
            try
            {
                await op(i, cts.Token);
                var us = Math.Max(1, (long)((Stopwatch.GetTimestamp() - scheduled) / TicksPerUs));
                if (phase is not null && !Volatile.Read(ref closed))
                {
                    total.RecordValue(Math.Min(us, HighestUs));
                    phaseHist[phase].RecordValue(Math.Min(us, HighestUs));
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

/// <summary>Per-second latency buckets (for the progress line and for recovery after a surge).</summary>
public sealed class SecondBuckets(int seconds)
{
    private readonly LongConcurrentHistogram[] _b = Enumerable.Range(0, Math.Max(1, seconds)).Select(_ => Runner.NewHistogram()).ToArray();

    public void Record(long ticksSinceMeasureStart, long us)
    {
        var s = (int)(ticksSinceMeasureStart / Stopwatch.Frequency);
        if (s < 0 || s >= _b.Length) return;
        _b[s].RecordValue(Math.Min(us, 3_600_000_000));
    }

    public double P99Of(int fromSecond, int toSecondExclusive)
    {
        var h = Runner.NewHistogram();
        for (var s = Math.Max(0, fromSecond); s < Math.Min(_b.Length, toSecondExclusive); s++) h.Add(_b[s]);
        return h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(99) / 1000.0;
    }

    public List<double> P99s() => _b.Select(h => h.TotalCount == 0 ? -1 : Math.Round(h.GetValueAtPercentile(99) / 1000.0, 2)).ToList();
}

public sealed class ErrorBook
{
    private long _count;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _first = new();
    public long Count => Interlocked.Read(ref _count);

    public void Add(Exception ex)
    {
        Interlocked.Increment(ref _count);
        var key = ex.GetType().Name;
        if (_first.Count < 8) _first.TryAdd(key, ex.Message.Length > 300 ? ex.Message[..300] : ex.Message);
    }

    public Dictionary<string, string> Samples() => new(_first);
}

/// <summary>Prints a progress line every few seconds.</summary>
public sealed class Progress(string name, SecondBuckets buckets, Func<long> ok, Func<long> errors, Func<long> inFlight)
{
    private CancellationTokenSource? _cts;
    private Task? _loop;

    public void Start(long start, long measureStart)
    {
        _cts = new CancellationTokenSource();
        var token = _cts.Token;
        _loop = Task.Run(async () =>
        {
            long lastOk = 0;
            var last = Stopwatch.GetTimestamp();
            while (!token.IsCancellationRequested)
            {
                try { await Task.Delay(5000, token); } catch (OperationCanceledException) { return; }
                var now = Stopwatch.GetTimestamp();
                var done = ok();
                var rate = (done - lastOk) / ((double)(now - last) / Stopwatch.Frequency);
                var sec = (int)((now - measureStart) / Stopwatch.Frequency);
                var phase = now < measureStart ? "warm-up" : "measure";
                var p99 = now < measureStart ? double.NaN : buckets.P99Of(sec - 5, sec);
                var cpu = Environment.ProcessorCount;
                Console.WriteLine($"  [{name}] {(now - start) / (double)Stopwatch.Frequency,6:0.0}s {phase,-7} ok={done,9} {rate,9:0}/s err={errors(),6} inflight={inFlight(),6} p99(5s)={(double.IsNaN(p99) ? "-" : p99.ToString("0.00") + "ms"),10} heap={GC.GetTotalMemory(false) / 1048576.0,7:0}MB");
                lastOk = done; last = now;
            }
        });
    }

    public async Task StopAsync()
    {
        _cts?.Cancel();
        if (_loop is not null) await _loop;
    }
}

/// <summary>Process CPU time and memory over a measured window.</summary>
public sealed class ResourceSampler
{
    private TimeSpan _cpu0;
    private long _t0;
    private int _gen2;
    private TimeSpan _pause0;
    private double _heapMax, _wsMax;
    private Timer? _timer;

    public void Start()
    {
        using var p = Process.GetCurrentProcess();
        _cpu0 = p.TotalProcessorTime;
        _t0 = Stopwatch.GetTimestamp();
        _gen2 = GC.CollectionCount(2);
        _pause0 = GC.GetTotalPauseDuration();
        _timer = new Timer(_ => Sample(), null, 0, 500);
    }

    private void Sample()
    {
        using var p = Process.GetCurrentProcess();
        _wsMax = Math.Max(_wsMax, p.WorkingSet64 / 1048576.0);
        _heapMax = Math.Max(_heapMax, GC.GetTotalMemory(false) / 1048576.0);
    }

    public ResourceUse Stop()
    {
        _timer?.Dispose();
        Sample();
        using var p = Process.GetCurrentProcess();
        var cpu = (p.TotalProcessorTime - _cpu0).TotalSeconds;
        var wall = Math.Max(0.001, (Stopwatch.GetTimestamp() - _t0) / (double)Stopwatch.Frequency);
        var pause = (GC.GetTotalPauseDuration() - _pause0).TotalSeconds;
        return new ResourceUse(Math.Round(cpu, 2), Math.Round(100 * cpu / wall / Environment.ProcessorCount, 1),
            Math.Round(GC.GetTotalMemory(false) / 1048576.0, 1), Math.Round(_heapMax, 1), Math.Round(_wsMax, 1),
            GC.CollectionCount(2) - _gen2, Math.Round(100 * pause / wall, 2));
    }
}
