using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Grains.Shared;
using Dispatcher.Host.Hosting;
using Dispatcher.LoadTests.Workload;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>The dispatcher hosted in this process through DispatcherApp.Build, on free loopback ports.</summary>
public sealed class EmbeddedDispatcher : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required string BaseUrl { get; init; }
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The references the host's own hot paths use: a client that keeps its interface types, as a real one would.</summary>
    public GrainReferences References => App.Services.GetRequiredService<GrainReferences>();
    public TrackingNumbers Numbers => App.Services.GetRequiredService<TrackingNumbers>();
    public CityDirectory City => App.Services.GetRequiredService<CityDirectory>();

    public static async Task<EmbeddedDispatcher> Start(IEnumerable<string>? extraArgs = null, int? siloPort = null, int? gatewayPort = null)
    {
        var http = FreePorts.Next();
        var args = new List<string>
        {
            "--urls", $"http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={siloPort ?? FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={gatewayPort ?? FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:Orleans=Warning",
            // Synthetic load sends every category × district far past a surge's minimum: that is throughput, not a surge (ADR-028).
            "--Dispatcher:Surge:Detect=false",
        };
        args.AddRange(LoadAgents.HostArgs());
        if (extraArgs is not null) args.AddRange(extraArgs);
        var app = DispatcherApp.Build(args.ToArray(), b => b.Logging.CountWarningsForTheReport());
        await app.StartAsync();
        return new EmbeddedDispatcher { App = app, BaseUrl = $"http://127.0.0.1:{http}" };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopQuietly("host");
        await App.DisposeAsync();
    }
}
