using Dispatcher.Domain.City;
using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Scenarios;
using Dispatcher.LoadTests.Workload;

namespace Dispatcher.LoadTests.IntakeRuns;

/// <summary>
/// What one intake run drives: a fresh in-process host through the chosen transport, or the
/// <c>--target</c> host over HTTP (then there are no grains to check counters in).
/// </summary>
public sealed class DispatcherTarget : IAsyncDisposable
{
    private readonly IAsyncDisposable? _host;

    private DispatcherTarget(IDispatcherDriver driver, IGrainFactory? grains, CityDirectory city, IAsyncDisposable? host)
    {
        Driver = driver;
        Grains = grains;
        City = city;
        _host = host;
    }

    public IDispatcherDriver Driver { get; }
    /// <summary>The in-process host's grains; null against <c>--target</c>.</summary>
    public IGrainFactory? Grains { get; }
    public CityDirectory City { get; }

    public static async Task<DispatcherTarget> Open(ScenarioContext context, string transport, IEnumerable<string>? hostArgs = null)
    {
        var o = context.Options;
        if (o.Target is not null) return new DispatcherTarget(new HttpDriver(o.Target, Math.Max(o.Callers, 256)), null, context.City, null);
        var host = await EmbeddedDispatcher.Start(hostArgs);
        IDispatcherDriver driver = transport == "http"
            ? new HttpDriver(host.BaseUrl, Math.Max(o.Callers, 256), host.Numbers, LoadAgents.Keys())
            : new GrainDriver(host.References, host.Numbers);
        return new DispatcherTarget(driver, host.Grains, host.City, host);
    }

    /// <summary>Stops the host (giving up after 60 s: its ports are not reused) and collects what it left.</summary>
    public async ValueTask DisposeAsync()
    {
        (Driver as IDisposable)?.Dispose();
        if (_host is not null)
        {
            var dispose = _host.DisposeAsync().AsTask();
            if (await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(60))) != dispose)
                Console.WriteLine("  (host did not stop within 60 s; continuing — its silo ports are not reused)");
        }
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        // What stopped hosts leave behind shows as a growing heap here from run to run (analysis.md, the leak).
        Console.WriteLine($"   heap after the host stopped and a full GC: {GC.GetTotalMemory(false) / 1048576.0:0} MB");
    }
}
