using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// Failure detection with the shipped membership settings (appsettings.json, ADR-021): how long a
/// killed silo costs the survivors' intakes, and that heavy load does not make healthy silos suspect each other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailureDetectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan MaxRefusalWindow = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_killed_silo_costs_the_survivors_at_most_2_s_of_refused_intakes_in_each_of_3_kills()
    {
        await using var db = await TestDatabase.Create();
        var windows = new List<TimeSpan>();
        for (var round = 1; round <= 3; round++)
        {
            var (window, refused, accepted) = await MeasureRefusalWindow(db, round);
            output.WriteLine($"kill {round}: refusals until +{window.TotalMilliseconds:F0} ms after the kill ({refused} refused, {accepted} accepted)");
            windows.Add(window);
        }
        Assert.True(windows.All(w => w <= MaxRefusalWindow),
            $"refusal windows after the kills: {string.Join(", ", windows.Select(w => $"{w.TotalMilliseconds:F0} ms"))} (limit {MaxRefusalWindow.TotalMilliseconds} ms)");
    }

    /// <summary>
    /// A fresh 3-silo cluster whose first silo holds the singletons; intakes stream through the two
    /// others; the first is killed; the window ends with the last refused or failed intake.
    /// </summary>
    private static async Task<(TimeSpan Window, int Refused, int Accepted)> MeasureRefusalWindow(TestDatabase db, int round)
    {
        var cluster = $"detect{round}-" + Guid.NewGuid().ToString("N")[..6];
        var victim = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        await victim.Client(Channel).Submit(Intake("construction-noise", "erqi"));
        await using var b = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        await using var c = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        try
        {
            var survivors = new[] { b, c };
            var clock = new Stopwatch();
            long lastRefusalTicks = -1;
            int refused = 0, accepted = 0;
            using var stop = new CancellationTokenSource();
            async Task Worker(int worker)
            {
                var client = survivors[worker % 2].Client(Channel);
                client.Timeout = TimeSpan.FromSeconds(10);
                while (!stop.IsCancellationRequested)
                {
                    var startedAfterKill = clock.IsRunning;
                    bool ok;
                    try { ok = (await client.Post("/api/cases", Intake("water-outage", "zhongyuan"))).StatusCode == HttpStatusCode.Created; }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { ok = false; }
                    if (!clock.IsRunning) continue;
                    if (ok) Interlocked.Increment(ref accepted);
                    else if (startedAfterKill || clock.IsRunning)
                    {
                        Interlocked.Increment(ref refused);
                        var now = clock.Elapsed.Ticks;
                        long seen;
                        while ((seen = Interlocked.Read(ref lastRefusalTicks)) < now && Interlocked.CompareExchange(ref lastRefusalTicks, now, seen) != seen) { }
                    }
                }
            }
            var workers = Enumerable.Range(0, 8).Select(Worker).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(3)); // steady intake first
            clock.Start();
            victim.Kill();
            await Task.Delay(TimeSpan.FromSeconds(12));
            stop.Cancel();
            await Task.WhenAll(workers);
            return (lastRefusalTicks < 0 ? TimeSpan.Zero : TimeSpan.FromTicks(lastRefusalTicks), refused, accepted);
        }
        finally
        {
            await victim.DisposeAsync();
        }
    }

    [Fact]
    public async Task Thirty_seconds_of_the_heaviest_intake_declares_no_healthy_silo_dead()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "load-" + Guid.NewGuid().ToString("N")[..6];
        await using var a = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        await using var b = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        await using var c = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: ExtraArgs);
        var silos = new[] { a, b, c };
        var versionBefore = await MembershipVersion(db, cluster);

        int accepted = 0, refused = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        async Task Worker(int worker)
        {
            var client = silos[worker % 3].Client(Channel);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var response = await client.Post("/api/cases", Intake(i % 2 == 0 ? "wage-arrears" : "water-outage", "erqi"));
                    if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref accepted); else Interlocked.Increment(ref refused);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref refused); }
            }
        }
        // 120 intakes in flight: the heaviest the Postgres tests make (the concurrent-writers test).
        await Task.WhenAll(Enumerable.Range(0, 120).Select(Worker));

        var versionAfter = await MembershipVersion(db, cluster);
        var statuses = await db.Column($"SELECT status::text FROM orleansmembershiptable WHERE deploymentid = '{cluster}'");
        var suspicions = await db.Scalar<long>($"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '{cluster}' AND coalesce(suspecttimes, '') <> ''");
        output.WriteLine($"{accepted} accepted, {refused} refused in 30 s ({accepted / 30.0:F0}/s); membership version {versionBefore} -> {versionAfter}; "
            + $"statuses [{string.Join(", ", statuses)}]; silos with suspicion votes: {suspicions}");
        Assert.True(accepted > 0, "no intake was accepted under load");
        Assert.True(statuses.Count == 3 && statuses.All(s => s == "3"), $"a healthy silo left the Active state under load: [{string.Join(", ", statuses)}]");
        Assert.True(suspicions == 0, $"{suspicions} healthy silos were suspected under load");
        Assert.True(versionAfter == versionBefore, $"membership changed under load: version {versionBefore} -> {versionAfter}");
        Assert.All(silos, s => Assert.False(s.HasExited, $"silo {s.HttpPort} exited under load"));
    }

    private static Task<long> MembershipVersion(TestDatabase db, string cluster) =>
        db.Scalar<long>($"SELECT version::bigint FROM orleansmembershipversiontable WHERE deploymentid = '{cluster}'");

    /// <summary>Experiments only: DISPATCHER_TEST_SILO_ARGS="--a=1 --b=2" adds silo arguments (e.g. other membership values).</summary>
    private static string[] ExtraArgs =>
        (Environment.GetEnvironmentVariable("DISPATCHER_TEST_SILO_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
