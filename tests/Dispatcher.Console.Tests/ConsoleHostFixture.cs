using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Tests.Shared;
using Dispatcher.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Console.Tests;

/// <summary>The real dispatcher (silo + Kestrel, embedded storage) on free loopback ports, shared by the browser tests.</summary>
public sealed class ConsoleHostFixture : IAsyncLifetime
{
    private WebApplication? _app;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var http = FreePorts.Next();
        _app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:ClusterId=console-tests-{http}",
            "--Dispatcher:Workflow:RoutingRefreshInterval=00:00:00",
            "--environment=Production",
        ], builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{http}");
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>
    /// A case the demo call-taker takes over the API at an address of its own (so it merges with
    /// nothing), for tests that start in the browser from a case already taken; answers the created case.
    /// </summary>
    public async Task<JsonObject> TakeCase(string category, string district, string description)
    {
        using var agent = Client("demo-agent-key");
        using var created = await agent.PostAsJsonAsync("/api/cases", new
        {
            channel = "phone", category, district, address = $"Test Rd No. {Random.Shared.Next(1, 1_000_000)}",
            description, attributes = new Dictionary<string, string>(),
            citizen = new { name = "Zhang San", phone = "13812345678" }, priority = "normal",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!;
    }

}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHostFixture>
{
    public const string Name = "console host";
}
