using System.Diagnostics;
using System.Threading.Channels;
using Dispatcher.Domain.City;
using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Measurement;
using HdrHistogram;

namespace Dispatcher.LoadTests.Workload;

/// <summary>
/// Department workers behind the intake: acknowledge, sometimes return (then an agent
/// re-dispatches and the new department acknowledges), reply, and resolve most.
/// </summary>
public sealed class DepartmentWork
{
    private readonly Channel<IntakeResult> _queue = Channel.CreateBounded<IntakeResult>(new BoundedChannelOptions(200_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly IDispatcherDriver _driver;
    private readonly string[] _departments;
    private readonly double _returnShare;
    public readonly LongConcurrentHistogram Latency = Histograms.New();
    public long Acknowledged, Replied, Resolved, Returned, Redispatched, Errors, Offered, Dropped;
    public readonly ErrorBook ErrorSamples = new();
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _stop = new();   // stop taking cases; finish the step in flight
    private readonly CancellationTokenSource _abort = new();  // give up on steps still in flight (bounded stop)
    public long Abandoned;                                   // steps cut off by the abort: may or may not have been applied

    public DepartmentWork(IDispatcherDriver driver, CityDirectory city, double returnShare)
    {
        _driver = driver;
        _departments = city.Departments.Select(d => d.Id).ToArray();
        _returnShare = returnShare;
    }

    public void Offer(IntakeResult r)
    {
        Interlocked.Increment(ref Offered);
        if (!_queue.Writer.TryWrite(r)) Interlocked.Increment(ref Dropped);
    }

    public void Start(int workers)
    {
        for (var i = 0; i < workers; i++) _workers.Add(Task.Run(Work));
    }

    /// <summary>
    /// Stops taking cases and lets every worker finish the step it is in (a step that completes in the
    /// silo is then also counted here, so the counter check compares like with like); only steps still
    /// running after <paramref name="grace"/> are abandoned (and counted as such).
    /// </summary>
    public async Task Stop(TimeSpan? grace = null)
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
        var all = Task.WhenAll(_workers);
        if (await Task.WhenAny(all, Task.Delay(grace ?? TimeSpan.FromSeconds(30))) != all)
        {
            _abort.Cancel();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    /// <summary>True while no worker is still inside a step.</summary>
    public bool Idle => _workers.All(w => w.IsCompleted);

    private async ValueTask Timed(Func<ValueTask> op)
    {
        var t0 = Stopwatch.GetTimestamp();
        await op();
        var us = (long)(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        Latency.RecordValue(Math.Clamp(us, 1, Histograms.HighestMicroseconds));
    }

    private async Task Work()
    {
        var stop = _stop.Token;
        var ct = _abort.Token;
        // Between two steps of a case: stop there once asked to (every finished step is counted).
        void Check() { if (stop.IsCancellationRequested) throw new OperationCanceledException(stop); }
        try
        {
            while (!stop.IsCancellationRequested && await _queue.Reader.WaitToReadAsync(stop))
            {
                if (!_queue.Reader.TryRead(out var item)) continue;
                try
                {
                    var id = item.CaseId;
                    var dept = item.DepartmentId!;
                    await Timed(() => _driver.Acknowledge(id, dept, ct)); Interlocked.Increment(ref Acknowledged);
                    if (Random.Shared.NextDouble() < _returnShare)
                    {
                        Check();
                        await Timed(() => _driver.Return(id, dept, "not our responsibility: wrong district", ct)); Interlocked.Increment(ref Returned);
                        var next = _departments[Random.Shared.Next(_departments.Length)];
                        if (next == dept) next = _departments[(Array.IndexOf(_departments, dept) + 1) % _departments.Length];
                        Check();
                        await Timed(() => _driver.Dispatch(id, next, "re-dispatch after return", ct)); Interlocked.Increment(ref Redispatched);
                        dept = next;
                        Check();
                        await Timed(() => _driver.Acknowledge(id, dept, ct)); Interlocked.Increment(ref Acknowledged);
                    }
                    Check();
                    await Timed(() => _driver.Reply(id, dept, "We have inspected the site and ordered the contractor to stop night work.", ct)); Interlocked.Increment(ref Replied);
                    if (Random.Shared.NextDouble() < 0.8)
                    {
                        Check();
                        await Timed(() => _driver.Resolve(id, dept, "Resolved: works now end at 22:00.", ct)); Interlocked.Increment(ref Resolved);
                    }
                }
                // Only the between-steps check ends a case quietly; an HTTP timeout is an OperationCanceledException
                // too (with HttpClient's own token) and must count as an error, stop requested or not.
                catch (OperationCanceledException oce) when (oce.CancellationToken == stop) { return; }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { Interlocked.Increment(ref Abandoned); return; }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref Errors);
                    ErrorSamples.Add(ex);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public Dictionary<string, object> Summary(double seconds) => new()
    {
        ["offered"] = Offered, ["droppedQueueFull"] = Dropped, ["acknowledged"] = Acknowledged, ["replied"] = Replied,
        ["resolved"] = Resolved, ["returned"] = Returned, ["redispatched"] = Redispatched, ["errors"] = Errors, ["abandonedAtStop"] = Abandoned,
        ["opsPerSecond"] = Math.Round((Acknowledged + Replied + Resolved + Returned + Redispatched) / Math.Max(0.001, seconds), 1),
        ["latencyMs"] = LatencySummary.From(Latency), ["errorSamples"] = ErrorSamples.Samples(),
    };
}
