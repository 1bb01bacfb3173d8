using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Memory;
using Orleans.Storage;

namespace Dispatcher.Storage.Tests;

/// <summary>The embedded journal keeps batches per generation: a read sees one generation in batch order, a trim drops older generations only.</summary>
public sealed class MemoryDepartmentJournalStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static DepartmentNotice Notice(string caseId, long sequence) =>
        new(caseId, sequence, DepartmentNoticeKind.Assigned, T0, T0, CaseStatus.Dispatched, "road-damage", "huiji", CasePriority.Normal, null);

    [Fact]
    public async Task A_read_returns_its_generation_in_batch_order_and_a_trim_drops_only_older_generations()
    {
        var store = new MemoryDepartmentJournalStore();
        await store.Append("roads", 0, 0, [Notice("A", 1)]);
        await store.Append("roads", 1, 1, [Notice("C", 1)]);
        await store.Append("roads", 1, 0, [Notice("B", 1), Notice("B", 2)]);
        await store.Append("water", 0, 0, [Notice("W", 1)]);

        var read = await store.Read("roads", 1);
        Assert.Equal(["B", "B", "C"], read.Notices.Select(n => n.CaseId));
        Assert.Equal(2, read.NextBatch);
        Assert.Equal(1, (await store.Read("roads", 0)).NextBatch);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Append("roads", 1, 1, [Notice("D", 1)]));

        await store.Trim("roads", 1);
        Assert.Empty((await store.Read("roads", 0)).Notices);
        Assert.Equal(0, (await store.Read("roads", 0)).NextBatch);
        Assert.Equal(3, (await store.Read("roads", 1)).Notices.Count);
        Assert.Single((await store.Read("water", 0)).Notices);
        Assert.Empty((await store.Read("parks", 0)).Notices);
    }
}
