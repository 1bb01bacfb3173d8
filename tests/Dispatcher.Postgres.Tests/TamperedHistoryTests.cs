using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// ADR-020 on the production path: a history entry edited directly in the stored grain row, behind
/// the dispatcher's back, is named by GET /api/cases/{id}/verify after the silo starts again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TamperedHistoryTests
{
    private const string Department = "city-urban-management";

    [Fact]
    public async Task A_note_edited_in_the_stored_row_is_named_by_verify_after_a_restart()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "tamper-" + Guid.NewGuid().ToString("N")[..6];
        string id;

        await using (var silo = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            id = await silo.Client(Channel).Submit(Intake("road-damage", "erqi"));
            var department = silo.Client(Dept(Department));
            foreach (var (verb, body) in new (string, object?)[] { ("acknowledge", null), ("reply", new { text = "Lamp replaced" }), ("resolve", new { text = "Lamp works" }) })
            {
                var step = await department.Post($"/api/cases/{id}/{verb}", body);
                Assert.True(step.StatusCode == HttpStatusCode.OK, $"{verb} on {id}: {await step.Content.ReadAsStringAsync()}");
            }
            var intact = await Verify(silo, id);
            Assert.True(intact["valid"]!.GetValue<bool>(), $"before the edit: {intact.ToJsonString()}");
            Assert.Equal(5, intact["entries"]!.GetValue<int>());
            await silo.Stop();
        }

        var row = new StoredGrainRow(db, "case", id);
        var state = await row.Read<CaseState>();
        var reply = state.History.Single(h => h.Action == CaseAction.Reply);
        Assert.Equal("Lamp replaced", reply.Note);
        state.History[state.History.IndexOf(reply)] = reply with { Note = "Nothing needed doing" };
        await row.Write(state);

        await using (var silo = await SiloProcess.Start(db.ConnectionString, cluster))
        {
            var verdict = await Verify(silo, id);
            Assert.False(verdict["valid"]!.GetValue<bool>(), $"after the edit: {verdict.ToJsonString()}");
            Assert.Equal(reply.Sequence, verdict["firstBrokenSequence"]!.GetValue<long>());
            Assert.Equal($"entry {reply.Sequence} does not match its hash", verdict["reason"]!.GetValue<string>());
            Assert.Equal(5, verdict["entries"]!.GetValue<int>());
        }
    }

    private static async Task<JsonObject> Verify(SiloProcess silo, string id) =>
        (await silo.Client(Admin).GetFromJsonAsync<JsonObject>($"/api/cases/{id}/verify"))!;
}
