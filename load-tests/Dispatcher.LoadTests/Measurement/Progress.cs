using System.Diagnostics;

namespace Dispatcher.LoadTests.Measurement;

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
