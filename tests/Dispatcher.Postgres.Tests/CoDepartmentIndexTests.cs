using Dispatcher.Abstractions.Cases;
using Dispatcher.Storage.Postgres;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The PostgreSQL case index stores a joint case's co-departments (deploy/sql/017, ADR-027) and
/// filters on them like the memory index: coDepartment=, and a scope that includes co-handled cases.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CoDepartmentIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static CaseIndexRow Row(string id, string lead, IReadOnlyList<string> co, long version = 1) =>
        new(id, "road-damage", "erqi", lead, CaseStatus.Dispatched, CasePriority.Normal, "phone", T0, T0, null, 0, 0, version,
            StorageVersion: (int)version, CoDepartments: co);

    [Fact]
    public async Task Co_departments_are_stored_read_back_and_filtered_on_and_a_newer_row_replaces_them()
    {
        await using var db = await TestDatabase.Create();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var index = new PostgresCaseIndex(source, "dispatcher");

        await index.Upsert(Row("ZZ-JOINT", "city-water", ["city-urban-management", "erqi-government"]));
        await index.Upsert(Row("ZZ-SINGLE", "erqi-government", []));
        await index.Upsert(Row("ZZ-OTHER", "city-transport", []));

        var co = await index.Search(new CaseQuery(CoDepartmentId: "erqi-government"));
        Assert.Equal(["city-urban-management", "erqi-government"], Assert.Single(co.Items).CoDepartments);
        Assert.Empty((await index.Search(new CaseQuery(Category: "road-damage"))).Items.Single(r => r.Id == "ZZ-SINGLE").CoDepartments!);

        IReadOnlySet<string> scope = new HashSet<string> { "erqi-government" };
        var withCo = await index.Search(new CaseQuery(DepartmentIds: scope, CoHandledInScope: true));
        Assert.Equal(["ZZ-JOINT", "ZZ-SINGLE"], withCo.Items.Select(r => r.Id).Order(StringComparer.Ordinal));
        var leadOnly = await index.Search(new CaseQuery(DepartmentIds: scope));
        Assert.Equal(["ZZ-SINGLE"], leadOnly.Items.Select(r => r.Id));
        // The memory index agrees on the same rows.
        var rows = new[] { Row("ZZ-JOINT", "city-water", ["city-urban-management", "erqi-government"]), Row("ZZ-SINGLE", "erqi-government", []) };
        Assert.Equal(2, rows.Count(new CaseQuery(DepartmentIds: scope, CoHandledInScope: true).Matches));
        Assert.Equal(1, rows.Count(new CaseQuery(DepartmentIds: scope).Matches));

        await index.Upsert(Row("ZZ-JOINT", "city-water", [], version: 2));
        Assert.Empty((await index.Search(new CaseQuery(CoDepartmentId: "erqi-government"))).Items);
        // The GIN index covers joint cases only (deploy/sql/021), and the search's predicate lets the planner use it.
        Assert.Contains("gin", await db.Scalar<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'dispatcher_case_index_joint'"));
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'dispatcher_case_index_co_departments'"));
        await using var connection = await source.OpenConnectionAsync();
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", connection)) await noSeqScan.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand(
            $"EXPLAIN SELECT id FROM dispatcher_case_index WHERE {PostgresCaseIndex.JointCase} AND co_departments @> ARRAY['erqi-government']", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("dispatcher_case_index_joint", StringComparison.Ordinal));
    }
}
