using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dispatcher.Postgres.Tests;

/// <summary>ADR-011 on a real server: batches come back in order per generation, a taken batch number is refused, trim drops older generations.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DepartmentJournalStoreTests
{
    private static DepartmentNotice Notice(string caseId, long sequence) =>
        new(caseId, sequence, DepartmentNoticeKind.Assigned, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, CaseStatus.Dispatched, "heating", "erqi", CasePriority.Normal, null);

    private static PostgresDepartmentJournalStore Store(NpgsqlDataSource data, string serviceId)
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new PostgresDepartmentJournalStore(data, services.GetRequiredService<Serializer>(), Options.Create(new ClusterOptions { ServiceId = serviceId }));
    }

    [Fact]
    public async Task Batches_are_read_back_in_order_a_taken_batch_is_refused_and_trim_drops_older_generations()
    {
        await using var db = await TestDatabase.Create();
        await using var data = NpgsqlDataSource.Create(db.ConnectionString);
        var store = Store(data, "svc");

        Assert.Equal((0, 0), ((await store.Read("city-housing", 0)).Notices.Count, (await store.Read("city-housing", 0)).NextBatch));
        await store.Append("city-housing", 0, 0, [Notice("A", 1), Notice("B", 1)]);
        await store.Append("city-housing", 0, 1, [Notice("A", 2)]);
        await store.Append("city-housing", 1, 0, [Notice("C", 1)]);
        await store.Append("city-water", 0, 0, [Notice("D", 1)]);

        var read = await store.Read("city-housing", 0);
        Assert.Equal(["A/1", "B/1", "A/2"], read.Notices.Select(n => $"{n.CaseId}/{n.Sequence}"));
        Assert.Equal(2, read.NextBatch);

        // Another activation writing the same batch number must not overwrite it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Append("city-housing", 0, 1, [Notice("Z", 9)]));
        Assert.Equal(3, (await store.Read("city-housing", 0)).Notices.Count);

        // Another service on the same database has a journal of its own.
        Assert.Empty((await Store(data, "other").Read("city-housing", 0)).Notices);

        await store.Trim("city-housing", 1);
        Assert.Empty((await store.Read("city-housing", 0)).Notices);
        Assert.Equal("C", Assert.Single((await store.Read("city-housing", 1)).Notices).CaseId);
        Assert.Single((await store.Read("city-water", 0)).Notices);
    }

    [Fact]
    public async Task Concurrent_appends_are_group_committed_and_of_two_writers_of_one_batch_exactly_one_wins()
    {
        await using var db = await TestDatabase.Create();
        await using var data = NpgsqlDataSource.Create(db.ConnectionString);
        var store = Store(data, "svc");

        // Many departments at once (they share round trips), and two writers of the same batch among them.
        var many = Enumerable.Range(0, 200).Select(i => store.Append($"dept-{i % 20}", 0, i / 20, [Notice($"C{i}", 1)])).ToList();
        var first = Record(() => store.Append("dept-x", 0, 0, [Notice("X", 1)]));
        var second = Record(() => store.Append("dept-x", 0, 0, [Notice("Y", 1)]));
        await Task.WhenAll(many);
        var outcomes = await Task.WhenAll(first, second);

        Assert.Single(outcomes, e => e is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, e => e is not null));
        Assert.Single((await store.Read("dept-x", 0)).Notices);
        for (var d = 0; d < 20; d++)
        {
            var read = await store.Read($"dept-{d}", 0);
            Assert.Equal((10, 10), (read.Notices.Count, read.NextBatch));
        }
    }

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception ex) { return ex; }
    }
}
