using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Host.Hosting;
using Dispatcher.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Api.Tests;

/// <summary>
/// The real dispatcher (silo + Kestrel) on free loopback ports, shared by the API tests.
/// Every log line is captured so tests can prove what never appears in logs.
/// </summary>
public class DispatcherHostFixture : IAsyncLifetime
{
    public const string Admin = "demo-admin-key";
    public const string AgentKey = "demo-agent-key";
    public const string Channel = "demo-channel-key";
    public static string Dept(string id) => $"demo-{id}-key";
    /// <summary>Small enough for a test to exhaust; the per-client limit keeps its default (20 a minute).</summary>
    public const int LookupsPerCase = 5;

    private WebApplication? _app;
    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>The running host's services (e.g. its <c>EndpointDataSource</c>, to enumerate every mapped route).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Settings a derived fixture adds to the host's command line (e.g. notification receivers it started).</summary>
    protected virtual Task<string[]> ExtraArgs() => Task.FromResult(Array.Empty<string>());

    public virtual async Task InitializeAsync()
    {
        var extra = await ExtraArgs();
        var http = FreePorts.Next();
        _app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:ClusterId=api-tests-{http}",
            "--Dispatcher:Workflow:RoutingRefreshInterval=00:00:00",
            $"--Dispatcher:RateLimits:PublicLookupPerCasePerHour={LookupsPerCase}",
            "--environment=Production",
            // Many tests here send bursts of one category and district that are no surge; the surge tests run their own host (SurgeHostFixture).
            "--Dispatcher:Surge:Detect=false",
            .. extra,
        ], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{http}");
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>
    /// A client whose connections come from another loopback address (127.0.0.0/8 is all loopback on
    /// Linux), so tests of per-address limits do not share a budget with each other.
    /// </summary>
    public HttpClient ClientFrom(IPAddress local, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }


    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(sink, categoryName);
        public void Dispose() { }

        private sealed class Capture(ConcurrentQueue<string> sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<DispatcherHostFixture>
{
    public const string Name = "dispatcher host";
}

/// <summary>Small helpers for talking JSON to the API.</summary>
public static class Api
{
    public static object Intake(string category, string district, Dictionary<string, string>? attributes = null, string phone = "13812345678",
        string description = "Piling after midnight next to the school") => new
    {
        channel = "web",
        category,
        district,
        address = DistinctPlaces.Address("Example Road"), // distinct places: no duplicate merging between tests
        description,
        attributes = attributes ?? new Dictionary<string, string>(),
        citizen = new { name = "Zhang San", phone },
        priority = "normal",
    };

    public static async Task<JsonObject> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("empty body");
    }

    public static async Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostRaw(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.PostAsync(path, content);
    }

    public static async Task<string> Submit(this HttpClient client, object intake)
    {
        var response = await client.PostJson("/api/cases", intake);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json())["id"]!.GetValue<string>();
    }

    public static async Task<long> TotalCases(this HttpClient agent)
    {
        var page = await agent.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=1");
        return page!["total"]!.GetValue<long>();
    }

    public static string Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
