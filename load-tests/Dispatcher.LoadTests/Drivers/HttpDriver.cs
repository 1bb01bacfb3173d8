using System.Net;
using System.Text;
using System.Text.Json;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.LoadTests.Drivers;

/// <summary>HTTP on loopback through one pooled SocketsHttpHandler.</summary>
public sealed class HttpDriver : IDispatcherDriver, IDisposable
{
    private readonly HttpClient _http;
    private readonly TrackingNumbers? _numbers;
    private readonly (string Name, string Key)[] _agentKeys;
    public string Name => "http";
    /// <summary>The API key name of demo-channel-key (city file): the scope of its idempotency keys (ADR-002).</summary>
    private const string ChannelKeyName = "web-form";

    /// <param name="numbers">The in-process host's tracking numbers, to know the case id of each idempotency key (null against --target).</param>
    /// <param name="agentKeys">API keys (and their names) of the call-takers who answer at first contact.</param>
    public HttpDriver(string baseUrl, int maxConnections, TrackingNumbers? numbers = null, (string Name, string Key)[]? agentKeys = null)
    {
        _numbers = numbers;
        _agentKeys = agentKeys ?? [("agent-li", "demo-agent-key")];
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The call-taker answering a first-contact intake: chosen by its idempotency key, so the plan knows the key's scope.</summary>
    private int AgentFor(string idempotencyKey) => (int)((uint)StringComparer.Ordinal.GetHashCode(idempotencyKey) % (uint)_agentKeys.Length);

    public string? PlanId(string idempotencyKey, bool firstContact) =>
        _numbers?.FromIdempotencyKey(firstContact ? _agentKeys[AgentFor(idempotencyKey)].Name : ChannelKeyName, idempotencyKey);

    public async ValueTask<IntakeResult> Submit(CaseIntake i, string idempotencyKey, string? plannedId, string? firstContactEntry, CancellationToken ct)
    {
        var body = new
        {
            channel = i.Channel, category = i.Category, district = i.District, address = i.Address, description = i.Description,
            attributes = i.Attributes, citizen = new { name = i.Citizen.Name, phone = i.Citizen.Phone },
            priority = i.Priority switch { CasePriority.High => "high", CasePriority.Urgent => "urgent", _ => "normal" },
            firstContact = firstContactEntry is null ? null : new { entryId = firstContactEntry },
        };
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent(body) };
        req.Headers.Add("X-Api-Key", firstContactEntry is null ? "demo-channel-key" : _agentKeys[AgentFor(idempotencyKey)].Key);
        req.Headers.Add("Idempotency-Key", idempotencyKey);
        using var resp = await _http.SendAsync(req, ct);
        var text = await resp.Content.ReadAsStringAsync(ct);
        if ((int)resp.StatusCode != 201) throw new HttpRequestException($"POST /api/cases → {(int)resp.StatusCode}: {Snip(text)}", null, resp.StatusCode);
        using var doc = JsonDocument.Parse(text);
        var id = doc.RootElement.GetProperty("id").GetString()!;
        var dept = doc.RootElement.TryGetProperty("departmentId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new IntakeResult(id, dept, doc.RootElement.GetProperty("status").GetString() == "closedAtFirstContact");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
    private static string Snip(string s) => s.Length > 200 ? s[..200] : s;

    private async ValueTask Command(string id, string verb, string key, object? body, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/{verb}");
        if (body is not null) req.Content = JsonContent(body);
        req.Headers.Add("X-Api-Key", key);
        using var resp = await _http.SendAsync(req, ct);
        if (!resp.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {verb} → {(int)resp.StatusCode}: {Snip(await resp.Content.ReadAsStringAsync(ct))}", null, resp.StatusCode);
    }

    public ValueTask Acknowledge(string id, string d, CancellationToken ct) => Command(id, "acknowledge", $"demo-{d}-key", null, ct);
    public ValueTask Reply(string id, string d, string text, CancellationToken ct) => Command(id, "reply", $"demo-{d}-key", new { text }, ct);
    public ValueTask Resolve(string id, string d, string text, CancellationToken ct) => Command(id, "resolve", $"demo-{d}-key", new { text }, ct);
    public ValueTask Return(string id, string d, string reason, CancellationToken ct) => Command(id, "return", $"demo-{d}-key", new { reason }, ct);
    public ValueTask Dispatch(string id, string d, string reason, CancellationToken ct) => Command(id, "dispatch", "demo-agent-key", new { departmentId = d, reason }, ct);

    public async ValueTask<bool> Exists(string id, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{id}");
        req.Headers.Add("X-Api-Key", "demo-admin-key");
        using var resp = await _http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, ct);
        if (resp.StatusCode == HttpStatusCode.NotFound) return false;
        resp.EnsureSuccessStatusCode();
        return true;
    }

    public void Dispose() => _http.Dispose();
}
