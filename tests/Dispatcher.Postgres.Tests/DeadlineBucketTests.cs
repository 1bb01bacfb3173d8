using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Storage.Postgres;
using Npgsql;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// ADR-012 and ADR-030 on PostgreSQL: deadlines are driven by the case index and one bucket grain per
/// bucket, and every bucket keeps firing when one of two silo processes is killed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadlineBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly int Buckets = new Grains.Hosting.DeadlineOptions().Buckets;

    private static readonly string[] FastDeadlines =
    [
        "--Dispatcher:Deadlines:Acknowledge=00:00:12",
        "--Dispatcher:Deadlines:ScanInterval=00:00:00.5",
        "--Dispatcher:Deadlines:MinimumReminderPeriod=00:00:02",
    ];

    [Fact]
    public async Task The_generated_slot_is_the_domain_s_and_each_bucket_reads_only_its_own_due_cases()
    {
        await using var db = await TestDatabase.Create();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var index = new PostgresCaseIndex(source, "dispatcher");
        var ids = Enumerable.Range(0, 120).Select(i => $"ZZ-20261201-{i:D6}").ToArray();
        await Task.WhenAll(ids.Select((id, i) => index.Upsert(new CaseIndexRow(id, "road-damage", "huiji", "city-roads", CaseStatus.Dispatched,
            CasePriority.Normal, "web", T0, T0, null, 0, 0, 1, StorageVersion: 1, WakeAt: T0.AddSeconds(ids.Length - i)))));

        foreach (var id in ids.Take(20))
            Assert.Equal(DeadlineBucket.SlotOf(id), await db.Scalar<int>($"SELECT deadline_slot FROM dispatcher_case_index WHERE id = '{id}'"));
        var seen = new List<string>();
        for (var b = 0; b < 4; b++)
        {
            var due = await index.DueForWake(new DeadlineBucket(b, 4), T0.AddHours(1), 1000);
            Assert.All(due, id => Assert.Equal(b, DeadlineBucket.Of(id, 4).Index));
            Assert.Equal(due.OrderByDescending(id => id, StringComparer.Ordinal), due); // later ids wake earlier
            seen.AddRange(due);
        }
        Assert.Equal(ids, seen.Order(StringComparer.Ordinal));
        Assert.Empty(await index.DueForWake(new DeadlineBucket(0, 1), T0, 10));
    }

    [Fact]
    public async Task Every_bucket_warns_and_breaches_its_cases_after_one_of_two_silos_is_killed()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "bucket-" + Guid.NewGuid().ToString("N")[..6];
        await using var first = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: FastDeadlines);
        await using var second = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: FastDeadlines);
        // One reminder period or two: the buckets move so that each silo runs half of them.
        await Task.Delay(TimeSpan.FromSeconds(5));

        // Cases until every bucket has one, so the buckets that ran on the killed silo have cases too.
        var channel = second.Client(Channel);
        var cases = new Dictionary<int, string>();
        for (var i = 0; cases.Count < Buckets; i++)
        {
            Assert.True(i < 400, "the case ids did not cover every bucket");
            var id = await channel.Submit(Intake("air-pollution", "erqi"));
            cases.TryAdd(DeadlineBucket.Of(id, Buckets).Index, id);
        }
        var one = cases[0];
        Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_index WHERE id = '{one}' AND wake_at IS NOT NULL"));
        // No case reminders and no single scanner: one reminder per bucket.
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername IN ('deadlines', 'deadline-scanner')"));
        Assert.Equal((long)Buckets, await db.Scalar<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'deadline-bucket'"));

        first.Kill();

        var agent = second.Client(Agent);
        foreach (var (bucket, id) in cases)
        {
            var history = await Eventually(async () =>
            {
                var entries = (await agent.Case(id))["history"]!.AsArray();
                Assert.Contains(entries, h => h!["action"]!.GetValue<string>() == "overdue");
                return entries;
            }, TimeSpan.FromSeconds(60));
            Assert.True(history.Count(h => h!["action"]!.GetValue<string>() == "warn") == 3, $"bucket {bucket}: {history.ToJsonString()}");
            var breach = history.Single(h => h!["action"]!.GetValue<string>() == "overdue")!;
            Assert.True(breach["recordedAt"]!.GetValue<DateTimeOffset>() >= breach["at"]!.GetValue<DateTimeOffset>(), breach.ToJsonString());
        }
    }
}
