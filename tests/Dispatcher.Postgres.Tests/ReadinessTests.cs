using System.Net;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>Readiness is judged by each silo for itself: a dying neighbour must not take the healthy ones out of a load balancer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests
{
    [Fact]
    public async Task Survivors_stay_ready_every_100_ms_for_10_s_after_a_silo_holding_the_singletons_is_killed()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "ready-" + Guid.NewGuid().ToString("N")[..6];
        // Alone, the first silo activates the singletons (the routing table among them) on itself.
        var victim = await SiloProcess.Start(db.ConnectionString, cluster);
        await victim.Client(Channel).Submit(Intake("construction-noise", "erqi"));
        await using var b = await SiloProcess.Start(db.ConnectionString, cluster);
        await using var c = await SiloProcess.Start(db.ConnectionString, cluster);
        try
        {
            victim.Kill();
            var answers = await Task.WhenAll(PollReady(b), PollReady(c));
            var notReady = answers.SelectMany(a => a).Where(a => a.Status != HttpStatusCode.OK).ToList();
            Assert.True(answers.All(a => a.Count >= 50), $"too few polls: {string.Join(", ", answers.Select(a => a.Count))}");
            Assert.True(notReady.Count == 0,
                $"{notReady.Count} of {answers.Sum(a => a.Count)} readiness answers were not 200 after the kill: "
                + string.Join("; ", notReady.Take(10).Select(a => $"{a.Silo} +{a.At.TotalMilliseconds:F0} ms {(int)a.Status}")));
        }
        finally
        {
            await victim.DisposeAsync();
        }
    }

    private static async Task<List<(int Silo, TimeSpan At, HttpStatusCode Status)>> PollReady(SiloProcess silo)
    {
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        var answers = new List<(int, TimeSpan, HttpStatusCode)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var at = clock.Elapsed;
            HttpStatusCode status;
            try { status = (await client.GetAsync("/health/ready")).StatusCode; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { status = HttpStatusCode.RequestTimeout; }
            answers.Add((silo.HttpPort, at, status));
            var wait = TimeSpan.FromMilliseconds(100) - (clock.Elapsed - at);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        return answers;
    }
}
