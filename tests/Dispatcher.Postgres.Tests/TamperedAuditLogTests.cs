using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Grains.Audit;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// ADR-023 on the production path: an audit entry edited directly in the stored grain row, behind the
/// dispatcher's back, is named by GET /api/audit/verify after the silo starts again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TamperedAuditLogTests
{
    [Fact]
    public async Task A_summary_edited_in_the_stored_row_is_named_by_verify_after_a_restart()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "audit-" + Guid.NewGuid().ToString("N")[..6];
        long edited;

        await using (var silo = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            var admin = silo.Client(Admin);
            var rules = (await admin.GetFromJsonAsync<JsonObject>("/api/routing/rules"))!;
            using (var put = await admin.PutAsJsonAsync("/api/routing/rules", new JsonObject { ["expectedVersion"] = rules["version"]!.DeepClone(), ["rules"] = rules["rules"]!.DeepClone() }))
                Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            var latest = (await admin.GetFromJsonAsync<JsonObject>("/api/audit?kind=rules&pageSize=1"))!["items"]!.AsArray().Single()!;
            Assert.Equal("Admin:admin", latest["by"]!.GetValue<string>());
            edited = latest["sequence"]!.GetValue<long>();
            var intact = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            Assert.True(intact["valid"]!.GetValue<bool>(), $"before the edit: {intact.ToJsonString()}");
            await silo.Stop();
        }

        var row = new StoredGrainRow(db, "audit", "city");
        var state = await row.Read<AuditLogState>();
        var entry = state.Entries.Single(e => e.Sequence == edited);
        state.Entries[state.Entries.IndexOf(entry)] = entry with { By = "seed" };
        var count = state.Entries.Count;
        await row.Write(state);

        await using (var silo = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            var verdict = (await silo.Client(Admin).GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            Assert.False(verdict["valid"]!.GetValue<bool>(), $"after the edit: {verdict.ToJsonString()}");
            Assert.Equal(edited, verdict["firstBrokenSequence"]!.GetValue<long>());
            Assert.Equal($"entry {edited} does not match its hash", verdict["reason"]!.GetValue<string>());
            Assert.Equal(count, verdict["entries"]!.GetValue<int>());
        }
    }
}
