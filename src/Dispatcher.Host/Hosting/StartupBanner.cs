using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dispatcher.Host.Hosting;

/// <summary>Prints where everything is once the host listens.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, DispatcherHostOptions options, Dispatcher.Domain.City.CityDirectory city)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = addresses.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "localhost") ?? "http://localhost:5000";
        Console.WriteLine($"""

            Dispatcher is running — {city.Name}, storage {options.Storage}, cluster '{options.Cluster.ClusterId}' (silo {options.Cluster.SiloPort}, gateway {options.Cluster.GatewayPort})
              Console    {baseUrl}{ConsoleFiles.Path}/   (sign in with a demo staff account, README "Console")
              API        {baseUrl}/api/cases
              Open311    {baseUrl}/open311/v2/discovery.xml   (GeoReport v2, .xml and .json)
              OpenAPI    {baseUrl}/openapi/v1.json
              Dashboard  {baseUrl}/dashboard/   (admin key as Basic password outside Development)
              Health     {baseUrl}/health/live  {baseUrl}/health/ready
              Listening  {string.Join(", ", addresses)}
            Demo API keys are listed in README.md (header X-Api-Key). Ctrl+C stops.

            """);
    }
}
