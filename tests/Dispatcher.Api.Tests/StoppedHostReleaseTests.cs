using System.Net;
using System.Runtime.CompilerServices;
using Dispatcher.Host.Hosting;
using Dispatcher.Tests.Shared;

namespace Dispatcher.Api.Tests;

/// <summary>
/// A stopped and disposed dispatcher is garbage: nothing process-wide (a timer of the rate limiter,
/// dotnet/aspnetcore#69259) keeps its pipeline, its silo and its grains alive. The load tests start
/// and stop dozens of hosts in one process and kept several GB when this failed.
/// </summary>
public sealed class StoppedHostReleaseTests
{
    [Fact]
    public async Task A_stopped_host_that_served_requests_is_collected()
    {
        var gone = await StartServeAndStop();

        // Some of a stopped silo's own work (a pending delay, say) can hold it for a while; the leak held it for good.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (gone.IsAlive && DateTime.UtcNow < deadline)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(500);
        }
        Assert.False(gone.IsAlive, "the stopped host's service provider is still reachable 90 s after its stop");
    }

    /// <summary>Not inlined, so that no local of this frame keeps the app alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartServeAndStop()
    {
        var http = FreePorts.Next();
        var app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:ClusterId=release-{http}",
            "--environment=Production",
        ]);
        await app.StartAsync();
        using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") })
        {
            // Through the rate limiter and its partitions: a health probe and a public status lookup.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var lookup = await client.GetAsync("/api/public/cases/ZZ-00000000-0000?phoneLast4=0000");
            Assert.True(lookup.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"lookup answered {(int)lookup.StatusCode}");
        }
        var services = new WeakReference(app.Services);
        await app.StopAsync();
        await app.DisposeAsync();
        return services;
    }
}
