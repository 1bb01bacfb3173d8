using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>A bare silo for the baselines: no dashboard, no streams, no Dispatcher grains in play.</summary>
public sealed class BaselineSilo : IAsyncDisposable
{
    public const string Storage = "loadtests-memory";
    public required IHost Host { get; init; }
    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BaselineSilo> Start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.CountWarningsForTheReport();
        builder.UseOrleans(silo =>
        {
            var siloPort = FreePorts.Next();
            silo.UseLocalhostClustering(siloPort, FreePorts.Next(), serviceId: "loadtests-baseline", clusterId: "loadtests-baseline");
            silo.AddMemoryGrainStorage(Storage);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BaselineSilo { Host = host };
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopQuietly("baseline silo");
        Host.Dispose();
    }
}
