using System.Net;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Dispatcher.Client;

/// <summary>Registers an Orleans client configured exactly like the dispatcher's silos expect, plus <see cref="DispatcherClient"/>.</summary>
public static class DispatcherClientSetup
{
    /// <summary>Adds the dispatcher client to a generic host; the client connects when the host starts.</summary>
    public static IHostApplicationBuilder UseDispatcherClient(this IHostApplicationBuilder builder, DispatcherClientOptions options)
    {
        builder.Services.AddDispatcherClient(options);
        return builder;
    }

    /// <summary>
    /// Adds <c>UseOrleansClient</c> with the right clustering and the "DepartmentStreams" memory
    /// stream provider (the client must register the provider the silos publish on, or it cannot
    /// subscribe), the <see cref="ClusterConnectionMonitor"/> and <see cref="DispatcherClient"/>.
    /// </summary>
    public static IServiceCollection AddDispatcherClient(this IServiceCollection services, DispatcherClientOptions options)
    {
        options.Validate();
        var monitor = new ClusterConnectionMonitor();
        services.AddSingleton(options);
        services.AddSingleton(monitor);
        services.AddSingleton<DispatcherClient>();
        services.AddOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
            if (options.UsesPostgres)
                client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = options.ConnectionString; });
            else
                client.UseStaticClustering(Resolve(options.GatewayHost, options.GatewayPort));
            client.AddMemoryStreams(DispatcherNames.StreamProvider);
            client.Services.AddStorageExceptionSerialization();
            client.AddClusterConnectionStatusObserver(monitor);
            client.UseConnectionRetryFilter(RetryFilter(options));
        });
        return services;
    }

    /// <summary>Same as the other overload, with the options given by a callback.</summary>
    public static IServiceCollection AddDispatcherClient(this IServiceCollection services, Action<DispatcherClientOptions> configure)
    {
        var options = new DispatcherClientOptions();
        configure(options);
        return services.AddDispatcherClient(options);
    }

    private static IPEndPoint Resolve(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        // Prefer IPv4: the silos advertise IPv4 gateway addresses by default.
        var addresses = Dns.GetHostAddresses(host);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ArgumentException($"Gateway host '{host}' did not resolve.", nameof(host));
        return new IPEndPoint(chosen, port);
    }

    /// <summary>Retries the first connection a bounded number of times, so start-up order between dispatcher and clients does not matter.</summary>
    private static Func<Exception, CancellationToken, Task<bool>> RetryFilter(DispatcherClientOptions options)
    {
        var attempts = 0;
        return async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref attempts) > options.ConnectAttempts) return false;
            await Task.Delay(options.ConnectRetryDelay, cancellationToken);
            return true;
        };
    }
}
