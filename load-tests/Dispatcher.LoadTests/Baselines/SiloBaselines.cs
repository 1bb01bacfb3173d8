using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Suite;

namespace Dispatcher.LoadTests.Baselines;

/// <summary>The Orleans limits of this machine, each on a bare silo of its own, closed loop at <c>--baseline-callers</c>.</summary>
public static class SiloBaselines
{
    /// <summary>Raw grain call: an empty method on 1,024 grains.</summary>
    public static Task<RunResult> GrainPing(LoadOptions o, CancellationToken stop) => OnBareSilo(async grains =>
    {
        var refs = Enumerable.Range(0, 1024).Select(k => grains.GetGrain<IPingGrain>(k)).ToArray();
        foreach (var r in refs) await r.Ping();
        return await ClosedLoop.Run("baseline: grain ping", o.BaselineCallers, o.Warmup, o.Measure, long.MaxValue,
            (i, ct) => new ValueTask(refs[i & 1023].Ping()), stop);
    });

    /// <summary>A brand-new grain and one memory state write per call.</summary>
    public static Task<RunResult> NewGrainWrite(LoadOptions o, CancellationToken stop) => OnBareSilo(grains =>
    {
        var payload = new string('x', 512);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        return ClosedLoop.Run("baseline: new grain + memory write", o.BaselineCallers, o.Warmup, o.Measure, o.MaxCount,
            (i, ct) => new ValueTask(grains.GetGrain<IWriteOnceGrain>($"{prefix}-{i}").Write(payload)), stop);
    });

    private static async Task<RunResult> OnBareSilo(Func<IGrainFactory, Task<RunResult>> measure)
    {
        await using var silo = await BaselineSilo.Start();
        return await measure(silo.Grains);
    }
}
