using Dispatcher.Abstractions.Cases;
using Dispatcher.Storage.Postgres;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>The triage queue is the index's cases in status Triage, oldest first (ADR-039), paged like any search.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TriageQueueIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static CaseIndexRow Row(string id, CaseStatus status, int minute) =>
        new(id, "other", "shangjie", null, status, CasePriority.Normal, "phone", T0.AddMinutes(minute), T0.AddMinutes(minute), null, 0, 0, 1, StorageVersion: 1);

    [Fact]
    public async Task Triage_cases_are_listed_oldest_first_a_page_at_a_time_and_leave_when_dispatched()
    {
        await using var db = await TestDatabase.Create();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var index = new PostgresCaseIndex(source, "dispatcher");
        foreach (var (id, minute) in new[] { ("ZZ-T3", 3), ("ZZ-T1", 1), ("ZZ-T2", 2), ("ZZ-T4", 4) }) await index.Upsert(Row(id, CaseStatus.Triage, minute));
        await index.Upsert(Row("ZZ-ROUTED", CaseStatus.Dispatched, 0) with { DepartmentId = "shangjie-government" });

        var first = await index.Search(new CaseQuery(Status: CaseStatus.Triage, PageSize: 3, OldestFirst: true));
        Assert.Equal(4, first.Total);
        Assert.Equal(["ZZ-T1", "ZZ-T2", "ZZ-T3"], first.Items.Select(r => r.Id));
        var second = await index.Search(new CaseQuery(Status: CaseStatus.Triage, Page: 2, PageSize: 3, OldestFirst: true));
        Assert.Equal(["ZZ-T4"], second.Items.Select(r => r.Id));
        Assert.Equal(["ZZ-T4", "ZZ-T3", "ZZ-T2", "ZZ-T1"], (await index.Search(new CaseQuery(Status: CaseStatus.Triage))).Items.Select(r => r.Id));

        await index.Upsert(Row("ZZ-T1", CaseStatus.Dispatched, 1) with { DepartmentId = "shangjie-government", Version = 2, StorageVersion = 2 });
        Assert.Equal(["ZZ-T2", "ZZ-T3", "ZZ-T4"], (await index.Search(new CaseQuery(Status: CaseStatus.Triage, OldestFirst: true))).Items.Select(r => r.Id));
    }
}
