using Dispatcher.Abstractions.Cases;
using Dispatcher.Storage.Postgres;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>The PostgreSQL case index stores the fake-closure signs (deploy/sql/015) and lists them as difficult, like the memory index.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FakeClosureIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static CaseIndexRow Row(string id, long version = 1, int returns = 0) =>
        new(id, "construction-noise", "jinshui", "jinshui-environment", CaseStatus.Closed, CasePriority.Normal, "phone", T0, T0, null, returns, 0, version,
            StorageVersion: (int)version);

    [Fact]
    public async Task Both_signs_are_stored_read_back_and_make_a_row_difficult_and_a_newer_row_replaces_them()
    {
        await using var db = await TestDatabase.Create();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var index = new PostgresCaseIndex(source, "dispatcher");

        await index.Upsert(Row("ZZ-NOREPLY") with { ResolvedWithoutReply = true });
        await index.Upsert(Row("ZZ-NOACK") with { SatisfiedWithoutAcknowledge = true });
        await index.Upsert(Row("ZZ-PLAIN"));
        await index.Upsert(Row("ZZ-RETURNED", returns: 2));

        var difficult = await index.Search(new CaseQuery(DifficultOnly: true, PageSize: 10));
        var byId = difficult.Items.ToDictionary(r => r.Id);
        Assert.Equal(["ZZ-NOACK", "ZZ-NOREPLY", "ZZ-RETURNED"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((true, false), (byId["ZZ-NOREPLY"].ResolvedWithoutReply, byId["ZZ-NOREPLY"].SatisfiedWithoutAcknowledge));
        Assert.Equal((false, true), (byId["ZZ-NOACK"].ResolvedWithoutReply, byId["ZZ-NOACK"].SatisfiedWithoutAcknowledge));
        Assert.Equal((false, false), (byId["ZZ-RETURNED"].ResolvedWithoutReply, byId["ZZ-RETURNED"].SatisfiedWithoutAcknowledge));

        await index.Upsert(Row("ZZ-NOREPLY", version: 2));
        Assert.DoesNotContain((await index.Search(new CaseQuery(DifficultOnly: true))).Items, r => r.Id == "ZZ-NOREPLY");
        Assert.Contains("resolved_without_reply", await db.Scalar<string>(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'dispatcher_case_index_service_difficult'"));
    }
}
