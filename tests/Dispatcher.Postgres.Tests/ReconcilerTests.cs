using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The reconciler reads only the storage writes since its previous pass, yet still finds a case
/// stored with notices pending by a silo that is no longer active (ADR-029) — here after several
/// passes have already run.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReconcilerTests
{
    [Fact]
    public async Task A_case_left_pending_by_a_dead_silo_is_reconciled_by_a_later_pass()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "rec-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        await channel.Submit(Intake("heating", "erqi"));
        await Task.Delay(TimeSpan.FromSeconds(5)); // passes run every 2 s: the later ones start from the earlier

        var id = await channel.Submit(Intake("heating", "erqi"));
        // As if a silo that has died since had written the case and not delivered its notices; the
        // index row goes too, so that the case's re-asserting it shows the reconciler asked it.
        await db.Execute($"UPDATE dispatcher_case_state SET written_by = 'S10.0.0.1:11111@1', outbox_pending = true WHERE id = '{id}'");
        await db.Execute($"DELETE FROM dispatcher_case_index WHERE id = '{id}'");

        await Eventually(async () =>
        {
            Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_index WHERE id = '{id}'"));
            return true;
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_dead_silo_leaving_more_cases_than_one_page_has_every_one_reconciled()
    {
        await using var db = await TestDatabase.Create();
        // Pages of three: the seven cases below take three queries of one pass.
        await using var silo = await SiloProcess.Start(db.ConnectionString, "recp-" + Guid.NewGuid().ToString("N")[..6],
            extraArgs: ["--Dispatcher:Reconcile:BatchSize=3"]);
        var channel = silo.Client(Channel);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add(await channel.Submit(Intake("heating", "erqi")));
        var list = string.Join(",", ids.Select(id => $"'{id}'"));
        // All seven as if written by a silo that died before delivering; a reconciled case keeps its
        // flag (delivery does not rewrite the row), so a pass that re-read its first page would
        // reconcile those three again and again and never the other four.
        await db.Execute($"UPDATE dispatcher_case_state SET written_by = 'S10.0.0.1:11111@1', outbox_pending = true WHERE id IN ({list})");
        await db.Execute($"DELETE FROM dispatcher_case_index WHERE id IN ({list})");

        await Eventually(async () =>
        {
            Assert.Equal(ids.Order(), (await db.Column($"SELECT id FROM dispatcher_case_index WHERE id IN ({list})")).Order());
            return true;
        }, TimeSpan.FromSeconds(30));
    }
}
