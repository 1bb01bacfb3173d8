using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>A 3-silo cluster on PostgreSQL, with a silo killed mid-stream.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFaultTests
{
    private static readonly (string Category, string District)[] Mix =
    [
        ("construction-noise", "erqi"), ("construction-noise", "jinshui"), ("water-outage", "zhongyuan"),
        ("garbage-collection", "zhengdong"), ("road-damage", "guancheng"), ("food-safety", "huiji"),
    ];

    [Fact]
    public async Task Killing_a_silo_during_intake_loses_no_accepted_case_and_counters_match_a_recount()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "kill-" + Guid.NewGuid().ToString("N")[..6];
        var silos = new[]
        {
            await SiloProcess.Start(db.ConnectionString, cluster),
            await SiloProcess.Start(db.ConnectionString, cluster),
            await SiloProcess.Start(db.ConnectionString, cluster),
        };
        try
        {
            var accepted = new ConcurrentDictionary<string, string>();
            var refusals = 0;
            var victim = silos[1];
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

            // A refused or unanswered call is retried with the same Idempotency-Key through a live
            // silo until it is accepted: every intake and acknowledgement the workers meant must land
            // exactly once, and any answer but success or a retryable refusal fails the test.
            async Task<HttpResponseMessage> UntilAccepted(int start, Func<SiloProcess, Task<HttpResponseMessage>> send, string what)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                for (var attempt = start; ; attempt++)
                {
                    var silo = silos[attempt % silos.Length];
                    if (silo.HasExited) continue;
                    try
                    {
                        var response = await send(silo);
                        if (response.IsSuccessStatusCode) return response;
                        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                            $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
                    Interlocked.Increment(ref refusals);
                    Assert.True(DateTime.UtcNow < deadline, $"{what} was still refused after 60 s");
                    await Task.Delay(200);
                }
            }

            async Task Worker(int worker)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var (category, district) = Mix[(worker * 7 + i) % Mix.Length];
                    var key = $"kill-{worker}-{i}";
                    var response = await UntilAccepted(worker + i, silo => silo.Client(Channel).Post("/api/cases", Intake(category, district), key), $"intake {key}");
                    var receipt = await response.Json();
                    var id = receipt["id"]!.GetValue<string>();
                    // A report may also merge into an open case at the same place (no department of its own).
                    var department = receipt["departmentId"]?.GetValue<string>() ?? "";
                    accepted[id] = department;
                    if (i % 2 == 0 && department.Length > 0)
                        await UntilAccepted(worker + i, silo => silo.Client(Dept(department)).Post($"/api/cases/{id}/acknowledge", null, $"ack-{key}"), $"acknowledge {id}");
                }
            }

            var workers = Enumerable.Range(0, 6).Select(Worker).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(6));
            var beforeKill = accepted.Count;
            victim.Kill();
            await Task.WhenAll(workers);

            Assert.True(beforeKill > 20, $"only {beforeKill} intakes before the kill");
            Assert.True(accepted.Count > beforeKill, $"no intake succeeded after the kill ({accepted.Count} in all, {refusals} refusals retried)");

            // Every accepted case is there, with its history, through a survivor.
            var agent = silos[0].Client(Agent);
            foreach (var id in accepted.Keys)
            {
                var view = await Eventually(() => agent.Case(id), TimeSpan.FromSeconds(60));
                var history = view["history"]!.AsArray();
                Assert.Equal("submit", history[0]!["action"]!.GetValue<string>());
                Assert.True(history[1]!["action"]!.GetValue<string>() is "route" or "merge", $"{id}: {history.ToJsonString()}");
            }

            // Intakes whose answer was lost with the killed silo may still have been stored: the recount
            // covers every stored case. The reconciler brings index and counters up to date by itself.
            var month = Month(DateTimeOffset.UtcNow);
            await Eventually(async () =>
            {
                var stored = await db.Column("SELECT id FROM dispatcher_case_state WHERE payload IS NOT NULL");
                var indexed = await db.Column("SELECT id FROM dispatcher_case_index");
                Assert.Equal(stored.Order(), indexed.Order());
                Assert.Superset(accepted.Keys.ToHashSet(), indexed.ToHashSet());
                return true;
            }, TimeSpan.FromSeconds(60));

            var histories = new Dictionary<string, JsonArray>();
            foreach (var id in await db.Column("SELECT id FROM dispatcher_case_index"))
                histories[id] = (await Eventually(() => agent.Case(id), TimeSpan.FromSeconds(30)))["history"]!.AsArray();
            static string? RoutedTo(JsonArray h) => h[1]!["action"]!.GetValue<string>() == "route" ? h[1]!["departmentId"]!.GetValue<string>() : null;
            foreach (var department in histories.Values.Select(RoutedTo).OfType<string>().Distinct())
            {
                var mine = histories.Values.Where(h => RoutedTo(h) == department).ToList();
                var received = mine.Count;
                var acknowledged = mine.Count(h => h.Any(e => e!["action"]!.GetValue<string>() == "acknowledge"));
                await Eventually(async () =>
                {
                    var stats = await silos[2].Client(Agent).Stats(department, month);
                    Assert.True(received == stats["received"]!.GetValue<int>(), $"{department}: received {stats["received"]} vs recount {received}");
                    Assert.True(acknowledged == stats["acknowledged"]!.GetValue<int>(), $"{department}: acknowledged {stats["acknowledged"]} vs recount {acknowledged}");
                    return true;
                }, TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_writers_on_one_department_from_three_silos_lose_no_update()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "concurrent-" + Guid.NewGuid().ToString("N")[..6];
        await using var a = await SiloProcess.Start(db.ConnectionString, cluster);
        await using var b = await SiloProcess.Start(db.ConnectionString, cluster);
        await using var c = await SiloProcess.Start(db.ConnectionString, cluster);
        var silos = new[] { a, b, c };

        var ids = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            silos[i % 3].Client(Channel).Submit(Intake("wage-arrears", "erqi"))));
        // Half of them acknowledged concurrently, again spread over the silos.
        var acknowledged = await Task.WhenAll(ids.Where((_, i) => i % 2 == 0).Select((id, i) =>
            silos[i % 3].Client(Dept("city-human-resources")).Post($"/api/cases/{id}/acknowledge", null)));
        // Every call must have succeeded: a refused call (e.g. the database out of connections) is a failure here, not a smaller count.
        foreach (var response in acknowledged)
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        // A notice whose delivery met a transient fault is retried from the case's outbox within seconds.
        await Eventually(async () =>
        {
            var stats = await b.Client(Agent).Stats("city-human-resources", Month(DateTimeOffset.UtcNow));
            Assert.Equal(120, stats["received"]!.GetValue<int>());
            Assert.Equal(60, stats["acknowledged"]!.GetValue<int>());
            return stats;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(120, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_version_conflict_on_a_department_is_resolved_by_rereading_not_by_overwriting()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "etag-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        var month = Month(DateTimeOffset.UtcNow);
        await channel.Submit(Intake("heating", "erqi"));

        // Someone else (a split-brain activation, an operator) writes the department's rows behind our
        // back: its snapshot's version, and the journal batch this activation would write next (a copy
        // of its last one, so replaying it changes nothing).
        await db.Execute("UPDATE orleansstorage SET version = version + 100 WHERE grainidextensionstring = 'city-housing'");
        await db.Execute("""
            INSERT INTO dispatcher_department_journal (service_id, department_id, generation, batch, notices)
            SELECT service_id, department_id, generation, batch + 1, notices FROM dispatcher_department_journal
            WHERE department_id = 'city-housing' ORDER BY generation DESC, batch DESC LIMIT 1
            """);
        Assert.Equal(2, await db.Scalar<long>("SELECT count(*) FROM dispatcher_department_journal WHERE department_id = 'city-housing'"));

        var second = await channel.Submit(Intake("heating", "erqi"));
        var third = await channel.Submit(Intake("heating", "erqi"));

        var stats = await Eventually(async () =>
        {
            var s = await silo.Client(Agent).Stats("city-housing", month);
            Assert.Equal(3, s["received"]!.GetValue<int>());
            return s;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(3, stats["openNow"]!.GetValue<int>());
        Assert.Contains(second, await db.Column("SELECT id FROM dispatcher_case_index"));
        Assert.Contains(third, await db.Column("SELECT id FROM dispatcher_case_index"));
    }
}
