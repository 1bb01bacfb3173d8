using System.Net;
using System.Net.Sockets;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests;

public static class Ports
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>The dispatcher hosted in this process through DispatcherApp.Build, on free loopback ports.</summary>
public sealed class EmbeddedDispatcher : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required string BaseUrl { get; init; }
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();
    public TrackingNumbers Numbers => App.Services.GetRequiredService<TrackingNumbers>();
    public CityDirectory City => App.Services.GetRequiredService<CityDirectory>();

    public static async Task<EmbeddedDispatcher> Start(IEnumerable<string>? extraArgs = null, int? siloPort = null, int? gatewayPort = null)
    {
        var http = Ports.Free();
        var args = new List<string>
        {
            "--urls", $"http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={siloPort ?? Ports.Free()}",
            $"--Dispatcher:Cluster:GatewayPort={gatewayPort ?? Ports.Free()}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:Orleans=Warning",
        };
        args.AddRange(LoadAgents.HostArgs());
        if (extraArgs is not null) args.AddRange(extraArgs);
        var app = DispatcherApp.Build(args.ToArray(), b =>
        {
            b.Logging.ClearProviders();
            b.Logging.AddProvider(CountingLoggerProvider.Instance);
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new EmbeddedDispatcher { App = app, BaseUrl = $"http://127.0.0.1:{http}" };
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await App.StopAsync(cts.Token); } catch (Exception ex) { Console.WriteLine($"  (host stop: {ex.GetType().Name}: {ex.Message})"); }
        await App.DisposeAsync();
    }
}

/// <summary>A bare silo for the baselines: no dashboard, no streams, no Dispatcher grains in play.</summary>
public sealed class BaselineSilo : IAsyncDisposable
{
    public const string Storage = "loadtests-memory";
    public required IHost Host { get; init; }
    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BaselineSilo> Start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(CountingLoggerProvider.Instance);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var siloPort = Ports.Free();
            silo.UseLocalhostClustering(siloPort, Ports.Free(), serviceId: "loadtests-baseline", clusterId: "loadtests-baseline");
            silo.AddMemoryGrainStorage(Storage);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BaselineSilo { Host = host };
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await Host.StopAsync(cts.Token); } catch (Exception ex) { Console.WriteLine($"  (baseline silo stop: {ex.GetType().Name}: {ex.Message})"); }
        Host.Dispose();
    }
}
