using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;
using HdrHistogram;

namespace Dispatcher.LoadTests;

/// <param name="AnsweredAtFirstContact">Closed by the call-taker with a knowledge entry (never dispatched).</param>
public sealed record IntakeResult(string CaseId, string? DepartmentId, bool AnsweredAtFirstContact = false);

/// <summary>
/// The call-takers of the load: a consultation with a knowledge entry is answered and closed at
/// first contact by one of them (R2), as half of all contacts are on a real hotline. Their API keys
/// are added to the in-process host; against --target the demo agents' keys are used.
/// </summary>
public static class LoadAgents
{
    public const int Count = 100;
    public static string Id(int i) => $"loadtest-agent-{i:D3}";
    public static string Key(int i) => $"loadtest-agent-key-{i:D3}";
    public static int Pick() => Random.Shared.Next(Count);
    public static (string Name, string Key)[] Keys() => Enumerable.Range(0, Count).Select(i => (Id(i), Key(i))).ToArray();

    /// <summary>Host arguments that register the agents' keys (hashes only, as production keys are given).</summary>
    public static IEnumerable<string> HostArgs()
    {
        // Indexes above any the host's own configuration might use.
        for (var i = 0; i < Count; i++)
        {
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Key(i)))).ToLowerInvariant();
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Name={Id(i)}";
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Role=agent";
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Sha256={hash}";
        }
    }
}

/// <summary>How the load reaches the dispatcher: the grain client of the host, or HTTP on loopback.</summary>
public interface IDispatcherDriver
{
    string Name { get; }
    /// <summary>
    /// The case id the next submit with this idempotency key will address, when the driver can know
    /// it (grain client: the random number it will use; HTTP against the in-process host: the HMAC of
    /// the key) — so an intake that failed on the client side can be looked up in the silo afterwards.
    /// </summary>
    string? PlanId(string idempotencyKey, bool firstContact);
    /// <param name="firstContactEntry">A knowledge entry: the call-taker answers and closes the consultation at once.</param>
    ValueTask<IntakeResult> Submit(CaseIntake intake, string idempotencyKey, string? plannedId, string? firstContactEntry, CancellationToken ct);
    ValueTask Acknowledge(string caseId, string departmentId, CancellationToken ct);
    ValueTask Reply(string caseId, string departmentId, string text, CancellationToken ct);
    ValueTask Resolve(string caseId, string departmentId, string text, CancellationToken ct);
    ValueTask Return(string caseId, string departmentId, string reason, CancellationToken ct);
    ValueTask Dispatch(string caseId, string departmentId, string reason, CancellationToken ct);
    /// <summary>True when the case exists.</summary>
    ValueTask<bool> Exists(string caseId, CancellationToken ct);
}

public sealed class GrainDriver(IGrainFactory grains, TrackingNumbers numbers) : IDispatcherDriver
{
    private static readonly Actor Channel = new(ActorKind.Channel, "loadgen");
    private static readonly Actor Agent = new(ActorKind.Agent, "agent-li");
    public string Name => "grain";

    // The grain path keeps the random tracking number of an intake without a key (as before); the id is known up front.
    public string? PlanId(string idempotencyKey, bool firstContact) => numbers.NewRandom();

    public async ValueTask<IntakeResult> Submit(CaseIntake intake, string idempotencyKey, string? plannedId, string? firstContactEntry, CancellationToken ct)
    {
        var command = firstContactEntry is null
            ? new SubmitCase(Channel, intake)
            : new SubmitCase(new Actor(ActorKind.Agent, LoadAgents.Id(LoadAgents.Pick())), intake, new FirstContactAnswer(firstContactEntry, null));
        var receipt = await grains.GetGrain<ICaseGrain>(plannedId ?? numbers.NewRandom()).Submit(command);
        return new IntakeResult(receipt.CaseId, receipt.DepartmentId, receipt.Status == CaseStatus.ClosedAtFirstContact);
    }

    private static Actor Dept(string d) => new(ActorKind.Department, d + "-worker", d);
    private static string Rid() => Guid.NewGuid().ToString("N");
    private ICaseGrain G(string id) => grains.GetGrain<ICaseGrain>(id);
    public async ValueTask Acknowledge(string id, string d, CancellationToken ct) => await G(id).Acknowledge(new CaseCommand(Rid(), Dept(d)));
    public async ValueTask Reply(string id, string d, string text, CancellationToken ct) => await G(id).Reply(new CaseCommand(Rid(), Dept(d), text));
    public async ValueTask Resolve(string id, string d, string text, CancellationToken ct) => await G(id).Resolve(new CaseCommand(Rid(), Dept(d), text));
    public async ValueTask Return(string id, string d, string reason, CancellationToken ct) => await G(id).Return(new CaseCommand(Rid(), Dept(d), reason));
    public async ValueTask Dispatch(string id, string d, string reason, CancellationToken ct) => await G(id).Dispatch(new DispatchCommand(Rid(), Agent, d, reason));

    public async ValueTask<bool> Exists(string id, CancellationToken ct)
    {
        try { await G(id).Get(); return true; }
        catch (Exception ex) when (ex.GetType().Name == "CaseNotFoundException") { return false; }
    }
}

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

/// <summary>
/// A realistic intake mix: Zipf-skewed categories and districts (a few hot ones), mostly normal
/// priority, half of it consultations — answered and closed at first contact when the knowledge base
/// has an entry for the category (R2), otherwise taken as a case like any other.
/// </summary>
public sealed class IntakeMix
{
    private readonly string[] _categories, _districts;
    private readonly double[] _catCdf, _distCdf;
    private readonly double _consultationShare;
    private readonly Dictionary<string, string> _answers;
    private static readonly string[] Descriptions =
    [
        "Construction site works past 22:00 with heavy machinery, residents cannot sleep.",
        "Street light out on the corner for a week, the crossing is dark at night.",
        "Garbage not collected for three days, bins overflowing next to the school gate.",
        "Pothole in the right lane, cars swerve into the bus lane to avoid it.",
        "No water since this morning in the whole building, no notice was posted.",
        "Question: which office issues the residence certificate and what documents are needed?",
        "Employer has not paid wages for two months, twelve workers affected.",
        "Bus route 906 skipped our stop three times this week.",
    ];

    public IntakeMix(CityDirectory city, double consultationShare, double skew = 1.1)
    {
        _consultationShare = consultationShare;
        _answers = city.Knowledge.GroupBy(k => k.Category).ToDictionary(g => g.Key, g => g.First().Id);
        // Deterministic "hot" order: the file order is fine (noise, garbage, roads first).
        _categories = city.Categories.Select(c => c.Id).ToArray();
        _districts = city.Districts.Select(d => d.Id).ToArray();
        _catCdf = Cdf(_categories.Length, skew);
        _distCdf = Cdf(_districts.Length, skew);
    }

    private static double[] Cdf(int n, double s)
    {
        var w = Enumerable.Range(1, n).Select(k => 1 / Math.Pow(k, s)).ToArray();
        var sum = w.Sum();
        var acc = 0.0;
        return w.Select(x => acc += x / sum).ToArray();
    }

    private static int Pick(double[] cdf)
    {
        var u = Random.Shared.NextDouble();
        var i = Array.BinarySearch(cdf, u);
        return Math.Min(cdf.Length - 1, i < 0 ? ~i : i);
    }

    /// <returns>The intake, whether it is a consultation, and the knowledge entry that answers it at first contact (if any).</returns>
    public (CaseIntake Intake, bool Consultation, string? Answer) Next()
    {
        var consultation = Random.Shared.NextDouble() < _consultationShare;
        var u = Random.Shared.NextDouble();
        var priority = u < 0.03 ? CasePriority.Urgent : u < 0.15 ? CasePriority.High : CasePriority.Normal;
        var intake = new CaseIntake(
            Channel: Random.Shared.NextDouble() < 0.7 ? "hotline" : "web",
            Category: _categories[Pick(_catCdf)],
            District: _districts[Pick(_distCdf)],
            Address: $"No. {Random.Shared.Next(1, 400)} Jinshui Road, block {Random.Shared.Next(1, 30)}",
            Description: Descriptions[Random.Shared.Next(Descriptions.Length)],
            Attributes: new Dictionary<string, string> { ["contactType"] = consultation ? "consultation" : "complaint" },
            Citizen: new CitizenContact("Citizen " + Random.Shared.Next(1000, 9999), "1380013" + Random.Shared.Next(1000, 9999).ToString("0000")),
            Priority: priority);
        return (intake, consultation, consultation ? _answers.GetValueOrDefault(intake.Category) : null);
    }
}

/// <summary>What the intake side counted (to check nothing is lost and counters do not drift).</summary>
public sealed class IntakeCounters
{
    public long Accepted, Consultations, AnsweredAtFirstContact, Routed, Triaged;
    /// <summary>Intakes sent and not yet answered (an open-loop run returns after its drain time even if some are still out).</summary>
    public long InFlight;
    /// <summary>Case ids of intakes that failed on the client side (timeouts): looked up in the silo by the counter check.</summary>
    public readonly ConcurrentQueue<string> Uncertain = new();
}

/// <summary>
/// Department workers behind the intake: acknowledge, sometimes return (then an agent
/// re-dispatches and the new department acknowledges), reply, and resolve most.
/// </summary>
public sealed class DepartmentWork
{
    private readonly Channel<IntakeResult> _queue = Channel.CreateBounded<IntakeResult>(new BoundedChannelOptions(200_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly IDispatcherDriver _driver;
    private readonly string[] _departments;
    private readonly double _returnShare;
    public readonly LongConcurrentHistogram Latency = Runner.NewHistogram();
    public long Acknowledged, Replied, Resolved, Returned, Redispatched, Errors, Offered, Dropped;
    public readonly ErrorBook ErrorSamples = new();
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _stop = new();   // stop taking cases; finish the step in flight
    private readonly CancellationTokenSource _abort = new();  // give up on steps still in flight (bounded stop)
    public long Abandoned;                                   // steps cut off by the abort: may or may not have been applied

    public DepartmentWork(IDispatcherDriver driver, CityDirectory city, double returnShare)
    {
        _driver = driver;
        _departments = city.Departments.Select(d => d.Id).ToArray();
        _returnShare = returnShare;
    }

    public void Offer(IntakeResult r)
    {
        Interlocked.Increment(ref Offered);
        if (!_queue.Writer.TryWrite(r)) Interlocked.Increment(ref Dropped);
    }

    public void Start(int workers)
    {
        for (var i = 0; i < workers; i++) _workers.Add(Task.Run(Work));
    }

    /// <summary>
    /// Stops taking cases and lets every worker finish the step it is in (a step that completes in the
    /// silo is then also counted here, so the counter check compares like with like); only steps still
    /// running after <paramref name="grace"/> are abandoned (and counted as such).
    /// </summary>
    public async Task Stop(TimeSpan? grace = null)
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
        var all = Task.WhenAll(_workers);
        if (await Task.WhenAny(all, Task.Delay(grace ?? TimeSpan.FromSeconds(30))) != all)
        {
            _abort.Cancel();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    /// <summary>True while no worker is still inside a step.</summary>
    public bool Idle => _workers.All(w => w.IsCompleted);

    private async ValueTask Timed(Func<ValueTask> op)
    {
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        await op();
        var us = (long)(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        Latency.RecordValue(Math.Clamp(us, 1, 3_600_000_000));
    }

    private async Task Work()
    {
        var stop = _stop.Token;
        var ct = _abort.Token;
        // Between two steps of a case: stop there once asked to (every finished step is counted).
        void Check() { if (stop.IsCancellationRequested) throw new OperationCanceledException(stop); }
        try
        {
            while (!stop.IsCancellationRequested && await _queue.Reader.WaitToReadAsync(stop))
            {
                if (!_queue.Reader.TryRead(out var item)) continue;
                try
                {
                    var id = item.CaseId;
                    var dept = item.DepartmentId!;
                    await Timed(() => _driver.Acknowledge(id, dept, ct)); Interlocked.Increment(ref Acknowledged);
                    if (Random.Shared.NextDouble() < _returnShare)
                    {
                        Check();
                        await Timed(() => _driver.Return(id, dept, "not our responsibility: wrong district", ct)); Interlocked.Increment(ref Returned);
                        var next = _departments[Random.Shared.Next(_departments.Length)];
                        if (next == dept) next = _departments[(Array.IndexOf(_departments, dept) + 1) % _departments.Length];
                        Check();
                        await Timed(() => _driver.Dispatch(id, next, "re-dispatch after return", ct)); Interlocked.Increment(ref Redispatched);
                        dept = next;
                        Check();
                        await Timed(() => _driver.Acknowledge(id, dept, ct)); Interlocked.Increment(ref Acknowledged);
                    }
                    Check();
                    await Timed(() => _driver.Reply(id, dept, "We have inspected the site and ordered the contractor to stop night work.", ct)); Interlocked.Increment(ref Replied);
                    if (Random.Shared.NextDouble() < 0.8)
                    {
                        Check();
                        await Timed(() => _driver.Resolve(id, dept, "Resolved: works now end at 22:00.", ct)); Interlocked.Increment(ref Resolved);
                    }
                }
                // Only the between-steps check ends a case quietly; an HTTP timeout is an OperationCanceledException
                // too (with HttpClient's own token) and must count as an error, stop requested or not.
                catch (OperationCanceledException oce) when (oce.CancellationToken == stop) { return; }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { Interlocked.Increment(ref Abandoned); return; }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref Errors);
                    ErrorSamples.Add(ex);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public Dictionary<string, object> Summary(double seconds) => new()
    {
        ["offered"] = Offered, ["droppedQueueFull"] = Dropped, ["acknowledged"] = Acknowledged, ["replied"] = Replied,
        ["resolved"] = Resolved, ["returned"] = Returned, ["redispatched"] = Redispatched, ["errors"] = Errors, ["abandonedAtStop"] = Abandoned,
        ["opsPerSecond"] = Math.Round((Acknowledged + Replied + Resolved + Returned + Redispatched) / Math.Max(0.001, seconds), 1),
        ["latencyMs"] = LatencySummary.From(Latency), ["errorSamples"] = ErrorSamples.Samples(),
    };
}

public static class Workloads
{
    /// <summary>The intake operation: one case from the mix, its receipt handed to the department workers.</summary>
    public static LoadOperation Intake(IDispatcherDriver driver, IntakeMix mix, IntakeCounters counters, DepartmentWork? work, double workShare,
        ConcurrentQueue<string>? accepted = null) => async (i, ct) =>
    {
        var (intake, consultation, answer) = mix.Next();
        var key = Guid.NewGuid().ToString("N");
        var planned = driver.PlanId(key, answer is not null);
        IntakeResult r;
        Interlocked.Increment(ref counters.InFlight);
        try { r = await driver.Submit(intake, key, planned, answer, ct); }
        catch
        {
            // The client saw an error, but the silo may still have taken the case: remember its id.
            if (planned is not null) counters.Uncertain.Enqueue(planned);
            throw;
        }
        finally { Interlocked.Decrement(ref counters.InFlight); }
        Interlocked.Increment(ref counters.Accepted);
        if (consultation) Interlocked.Increment(ref counters.Consultations);
        if (r.AnsweredAtFirstContact) Interlocked.Increment(ref counters.AnsweredAtFirstContact);
        else if (r.DepartmentId is null) Interlocked.Increment(ref counters.Triaged);
        else Interlocked.Increment(ref counters.Routed);
        accepted?.Enqueue(r.CaseId);
        if (work is not null && r.DepartmentId is not null && !consultation && Random.Shared.NextDouble() < workShare) work.Offer(r);
    };

    /// <summary>Sum of the month counters of every department (for the drift check, before and after a run).</summary>
    /// <returns>null when the department grains did not answer within the timeout (a backlog in their queues).</returns>
    public static async Task<MonthCounters?> DepartmentTotals(IGrainFactory grains, CityDirectory city, TimeSpan timeout)
    {
        var months = new[] { city.MonthOf(DateTimeOffset.UtcNow.AddDays(-1)), city.MonthOf(DateTimeOffset.UtcNow) }.Distinct().ToArray();
        var calls = city.Departments.SelectMany(d => months.Select(m => grains.GetGrain<IDepartmentGrain>(d.Id).GetStats(m))).ToArray();
        var all = Task.WhenAll(calls);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all) { _ = all.ContinueWith(t => t.Exception, TaskScheduler.Default); return null; }
        // A department that cannot activate right now (e.g. its storage read timed out under overload) is "not answering".
        if (all.IsFaulted) { _ = all.Exception; return null; }
        var sum = new MonthCounters();
        foreach (var s in await all)
        {
            sum.Received += s.Received; sum.Acknowledged += s.Acknowledged; sum.Replied += s.Replied;
            sum.Resolved += s.Resolved; sum.Returned += s.Returned;
        }
        return sum;
    }

    public static async Task<int> OpenInboxTotal(IGrainFactory grains, CityDirectory city)
    {
        var n = 0;
        foreach (var d in city.Departments) n += (await grains.GetGrain<IDepartmentGrain>(d.Id).GetInbox().WaitAsync(TimeSpan.FromSeconds(30))).Count;
        return n;
    }
}
