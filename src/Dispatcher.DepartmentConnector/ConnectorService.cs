using Microsoft.Extensions.Hosting;

namespace Dispatcher.DepartmentConnector;

/// <summary>Runs the worker for the host's lifetime and prints each case it handles; Ctrl+C stops it before the cluster client.</summary>
internal sealed class ConnectorService(DepartmentWorker worker, ConnectorSettings settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        worker.CaseHandled += Print;
        Console.WriteLine($"connector for {settings.Department}: connected, auto-acknowledge {(settings.AutoAcknowledge ? "on" : "off")}; Ctrl+C stops");
        await worker.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await worker.StopAsync();
        worker.CaseHandled -= Print;
        Console.WriteLine($"connector for {settings.Department}: stopped after handling {worker.Handled.Count} case(s)");
    }

    private static void Print(HandledCase c) =>
        Console.WriteLine($"handled {c.CaseId}: {c.Outcome} (assignment #{c.Assignment}, via {c.Via.ToString().ToLowerInvariant()})");
}
