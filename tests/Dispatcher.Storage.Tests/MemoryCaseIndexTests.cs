using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Storage.Memory;

namespace Dispatcher.Storage.Tests;

/// <summary>The embedded index keeps wake times in order per deadline bucket (ADR-012, ADR-030).</summary>
public sealed class MemoryCaseIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    /// <summary>One bucket holds every case.</summary>
    private static readonly DeadlineBucket All = new(0, 1);

    private static CaseIndexRow Row(string id, long version, DateTimeOffset? wake, int storageVersion = 1) =>
        new(id, "road-damage", "huiji", "city-roads", CaseStatus.Dispatched, CasePriority.Normal, "web", T0, T0, null, 0, 0, version,
            StorageVersion: storageVersion, WakeAt: wake);

    [Fact]
    public async Task Due_cases_come_earliest_first_and_move_when_their_row_does()
    {
        var index = new MemoryCaseIndex();
        await index.Upsert(Row("C", 1, T0.AddMinutes(3)));
        await index.Upsert(Row("A", 1, T0.AddMinutes(1)));
        await index.Upsert(Row("B", 1, T0.AddMinutes(2)));
        await index.Upsert(Row("N", 1, null));

        Assert.Equal(["A", "B"], await index.DueForWake(All, T0.AddMinutes(2), 10));
        Assert.Equal(["A"], await index.DueForWake(All, T0.AddMinutes(5), 1));

        // A newer row moves the wake; an older one is ignored; the same version with a wake time it
        // lacked (a row from before wake times) fills it in.
        await index.Upsert(Row("A", 2, T0.AddMinutes(10), storageVersion: 2));
        await index.Upsert(Row("B", 0, T0.AddMinutes(20), storageVersion: 0));
        await index.Upsert(Row("N", 1, T0));
        Assert.Equal(["N", "B", "C"], await index.DueForWake(All, T0.AddMinutes(5), 10));
        await index.Upsert(Row("C", 2, null, storageVersion: 2)); // no clock runs any more
        Assert.Equal(["N", "B", "A"], await index.DueForWake(All, T0.AddMinutes(30), 10));
    }

    [Fact]
    public async Task Each_bucket_gets_only_its_own_due_cases_earliest_first_and_together_all_of_them()
    {
        var index = new MemoryCaseIndex();
        var ids = Enumerable.Range(0, 200).Select(i => $"ZZ-20261128-{i:D6}").ToArray();
        for (var i = 0; i < ids.Length; i++) await index.Upsert(Row(ids[i], 1, T0.AddSeconds(ids.Length - i)));

        var seen = new List<string>();
        for (var b = 0; b < 4; b++)
        {
            var bucket = new DeadlineBucket(b, 4);
            var due = await index.DueForWake(bucket, T0.AddHours(1), 1000);
            Assert.NotEmpty(due);
            Assert.All(due, id => Assert.Equal(b, DeadlineBucket.Of(id, 4).Index));
            Assert.Equal(due.OrderByDescending(id => id, StringComparer.Ordinal), due); // later ids wake earlier
            Assert.Equal(due.Take(3), await index.DueForWake(bucket, T0.AddHours(1), 3));
            seen.AddRange(due);
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sets_of_categories_and_statuses_and_the_update_time_filter_a_search()
    {
        var index = new MemoryCaseIndex();
        await index.Upsert(Row("A", 1, null) with { Category = "construction-noise", Status = CaseStatus.Resolved, UpdatedAt = T0.AddHours(2) });
        await index.Upsert(Row("B", 1, null) with { Category = "road-damage", Status = CaseStatus.Dispatched, UpdatedAt = T0.AddHours(1) });
        await index.Upsert(Row("C", 1, null) with { Category = "heating", Status = CaseStatus.Closed, UpdatedAt = T0 });

        async Task<string[]> Ids(CaseQuery query) => (await index.Search(query)).Items.Select(r => r.Id).Order().ToArray();

        Assert.Equal(["A", "B"], await Ids(new CaseQuery(Categories: new HashSet<string> { "construction-noise", "road-damage" })));
        Assert.Equal(["A", "C"], await Ids(new CaseQuery(Statuses: new HashSet<CaseStatus> { CaseStatus.Resolved, CaseStatus.Closed })));
        Assert.Equal(["A", "B"], await Ids(new CaseQuery(UpdatedFrom: T0.AddHours(1))));
        Assert.Equal(["C"], await Ids(new CaseQuery(UpdatedTo: T0.AddHours(1))));
        Assert.Empty(await Ids(new CaseQuery(Categories: new HashSet<string>())));
    }
    [Fact]
    public async Task Writers_in_parallel_leave_each_case_at_its_newest_row_and_a_search_pages_over_every_stripe_in_order()
    {
        var index = new MemoryCaseIndex();
        var ids = Enumerable.Range(0, 500).Select(i => $"ZZ-20261201-{i:D6}").ToArray();
        // Each case is written in versions 1..5 by different threads, in no particular order.
        await Parallel.ForEachAsync(ids.SelectMany(id => Enumerable.Range(1, 5).Select(v => (id, v))).OrderBy(_ => Random.Shared.Next()),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (w, _) => await index.Upsert(Row(w.id, w.v, T0.AddMinutes(w.v), storageVersion: w.v) with { CreatedAt = T0.AddSeconds(Array.IndexOf(ids, w.id)) }));

        var all = await index.Search(new CaseQuery(PageSize: 1000));
        Assert.Equal(ids.Length, all.Total);
        Assert.All(all.Items, r => Assert.Equal(5, r.Version));
        Assert.Equal(ids.Reverse(), all.Items.Select(r => r.Id)); // newest first across stripes
        Assert.Equal(ids.Reverse().Skip(100).Take(50), (await index.Search(new CaseQuery(Page: 3, PageSize: 50))).Items.Select(r => r.Id));
        // A queue (the triage queue, ADR-039) pages the other way round.
        Assert.Equal(ids.Skip(100).Take(50), (await index.Search(new CaseQuery(Page: 3, PageSize: 50, OldestFirst: true))).Items.Select(r => r.Id));
        // Only the newest wake time of each case is left.
        Assert.Empty(await index.DueForWake(All, T0.AddMinutes(4), 1000));
        Assert.Equal(ids.Length, (await index.DueForWake(All, T0.AddMinutes(5), 1000)).Count);
    }
}
