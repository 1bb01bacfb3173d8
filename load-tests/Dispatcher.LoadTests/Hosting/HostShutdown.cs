using Microsoft.Extensions.Hosting;

namespace Dispatcher.LoadTests.Hosting;

public static class HostShutdown
{
    /// <summary>Stops a host within 30 s; a failure to stop is printed, not thrown (the suite goes on).</summary>
    public static async Task StopQuietly(this IHost host, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await host.StopAsync(cts.Token); } catch (Exception ex) { Console.WriteLine($"  ({what} stop: {ex.GetType().Name}: {ex.Message})"); }
    }
}
