using Dispatcher.Tests.Shared;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Api.Tests.Notifications;

/// <summary>
/// A real HTTP server on a loopback port standing in for an SMS gateway: it records every request,
/// and answers each phone number with the statuses a test scripted for it (then 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripted = new();

    public sealed record Received(string IdempotencyKey, string? Authorization, JsonElement Body, int AnsweredWith);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public Uri Url { get; }

    private WebhookReceiver(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/sms");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/sms", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var phone = body.TryGetProperty("phone", out var p) ? p.GetString() ?? "" : "";
            var status = _scripted.TryGetValue(phone, out var queue) && queue.TryDequeue(out var s) ? s : 200;
            Requests.Enqueue(new Received(request.Headers["Idempotency-Key"].ToString(), request.Headers.Authorization.ToString(), body, status));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> Start()
    {
        var receiver = new WebhookReceiver(FreePorts.Next());
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>The next requests for <paramref name="phone"/> are answered with these statuses, in order.</summary>
    public void Script(string phone, params int[] statuses) => _scripted[phone] = new ConcurrentQueue<int>(statuses);

    public Received[] For(string caseId) => Requests.Where(r => r.Body.GetProperty("caseId").GetString() == caseId).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
