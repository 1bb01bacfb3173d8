using System.Diagnostics;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>Process CPU time and memory over a measured window.</summary>
public sealed class ResourceSampler
{
    private TimeSpan _cpu0;
    private long _t0;
    private int _gen2, _gen0;
    private long _allocated0;
    private TimeSpan _pause0;
    private double _heapMax, _wsMax;
    private Timer? _timer;

    public void Start()
    {
        using var p = Process.GetCurrentProcess();
        _cpu0 = p.TotalProcessorTime;
        _t0 = Stopwatch.GetTimestamp();
        _gen2 = GC.CollectionCount(2);
        _gen0 = GC.CollectionCount(0);
        _allocated0 = GC.GetTotalAllocatedBytes(precise: false);
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
            GC.CollectionCount(2) - _gen2, Math.Round(100 * pause / wall, 2),
            Math.Round((GC.GetTotalAllocatedBytes(precise: false) - _allocated0) / 1048576.0, 1), GC.CollectionCount(0) - _gen0);
    }
}
