using Dispatcher.Tests.Shared;
using Dispatcher.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Client.Tests;

/// <summary>
/// The real dispatcher (silo + Kestrel) on free loopback ports, and one separate Orleans client
/// host connected to its gateway through the client library — the way a channel or department
/// system connects. Pattern of Dispatcher.Api.Tests' DispatcherHostFixture.
/// </summary>
public sealed class DispatcherFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private IHost? _clientHost;

    public DispatcherClientOptions Options { get; private set; } = null!;
    public DispatcherClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var http = FreePorts.Next();
        var gateway = FreePorts.Next();
        var clusterId = $"client-tests-{http}";
        _app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={gateway}",
            $"--Dispatcher:Cluster:ClusterId={clusterId}",
            "--Dispatcher:Workflow:RoutingRefreshInterval=00:00:00",
            "--environment=Production",
        ], builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();

        Options = new DispatcherClientOptions { ClusterId = clusterId, GatewayPort = gateway };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseDispatcherClient(Options);
        _clientHost = builder.Build();
        await _clientHost.StartAsync();
        Client = _clientHost.Services.GetRequiredService<DispatcherClient>();
    }

    public async Task DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
        }
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

}

[CollectionDefinition(Name)]
public sealed class DispatcherCollection : ICollectionFixture<DispatcherFixture>
{
    public const string Name = "dispatcher with client";
}
