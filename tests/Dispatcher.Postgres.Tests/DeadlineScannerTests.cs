using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// ADR-012 on PostgreSQL with real silo processes: deadlines are driven by the case index and one
/// scanner for the cluster, and they keep firing when a silo — perhaps the scanner's — is killed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadlineScannerTests
{
    private static readonly string[] FastDeadlines =
    [
        "--Dispatcher:Deadlines:Acknowledge=00:00:12",
        "--Dispatcher:Deadlines:ScanInterval=00:00:00.5",
        "--Dispatcher:Deadlines:MinimumReminderPeriod=00:00:02",
    ];

    [Fact]
    public async Task A_case_is_warned_and_breached_on_time_after_a_silo_is_killed()
    {
        await using var db = await TestDatabase.Create();
        var cluster = "scan-" + Guid.NewGuid().ToString("N")[..6];
        await using var first = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: FastDeadlines);
        await using var second = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: FastDeadlines);

        var id = await second.Client(Channel).Submit(Intake("air-pollution", "erqi"));
        Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_index WHERE id = '{id}' AND wake_at > now()"));
        // No case reminders any more: only the scanner's own.
        Assert.Equal(0L, await db.Scalar<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'deadlines'"));

        first.Kill();

        var agent = second.Client(Agent);
        var history = await Eventually(async () =>
        {
            var actions = (await agent.Case(id))["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToList();
            Assert.Contains("overdue", actions);
            return actions;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(3, history.Count(a => a == "warn"));
        Assert.Single(history, a => a == "overdue");
    }
}
