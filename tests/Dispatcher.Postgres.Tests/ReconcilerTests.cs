using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// The reconciler reads only the storage writes since its previous pass, yet still finds a case
/// whose index row fell behind its stored state — here after several passes have already run.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReconcilerTests
{
    [Fact]
    public async Task A_case_whose_index_row_fell_behind_is_brought_up_to_date_by_a_later_pass()
    {
        await using var db = await TestDatabase.Create();
        await using var silo = await SiloProcess.Start(db.ConnectionString, "rec-" + Guid.NewGuid().ToString("N")[..6]);
        var channel = silo.Client(Channel);
        await channel.Submit(Intake("heating", "erqi"));
        await Task.Delay(TimeSpan.FromSeconds(5)); // passes run every 2 s: the later ones start from the earlier

        var id = await channel.Submit(Intake("heating", "erqi"));
        // As if the silo had died between the case's write and its index row.
        await db.Execute($"DELETE FROM dispatcher_case_index WHERE id = '{id}'");

        await Eventually(async () =>
        {
            Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_index WHERE id = '{id}'"));
            return true;
        }, TimeSpan.FromSeconds(30));
    }
}
