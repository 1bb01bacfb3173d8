using System.Net;
using static Dispatcher.Postgres.Tests.Http;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// ADR-035: two services (Dispatcher:Cluster:ServiceId) on one database, each a silo process of its
/// own cluster, do not see each other's cases — not through an idempotency key that derives the same
/// case id, not in search, and not through the reconciler, which once adopted the other service's
/// cases left pending by silos it had never known.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ServiceScopeTests
{
    private static string[] Service(string id) => [$"--Dispatcher:Cluster:ServiceId={id}"];

    [Fact]
    public async Task Two_services_on_one_database_keep_their_cases_apart_and_reconcile_only_their_own()
    {
        await using var db = await TestDatabase.Create();
        var (a, b) = ("svc-a-" + Guid.NewGuid().ToString("N")[..6], "svc-b-" + Guid.NewGuid().ToString("N")[..6]);
        await using var siloA = await SiloProcess.Start(db.ConnectionString, a, extraArgs: Service(a));
        await using var siloB = await SiloProcess.Start(db.ConnectionString, b, extraArgs: Service(b));

        // The same caller and key derive the same case id in both services: each creates its own case.
        var createdA = await siloA.Client(Channel).Post("/api/cases", Intake("heating", "erqi"), "same-key");
        var createdB = await siloB.Client(Channel).Post("/api/cases", Intake("road-damage", "huiji"), "same-key");
        Assert.Equal(HttpStatusCode.Created, createdA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, createdB.StatusCode);
        var id = (await createdA.Json())["id"]!.GetValue<string>();
        Assert.Equal(id, (await createdB.Json())["id"]!.GetValue<string>());
        Assert.Equal("road-damage", (await siloB.Client(Agent).Case(id))["category"]!.GetValue<string>());
        Assert.Equal("heating", (await siloA.Client(Agent).Case(id))["category"]!.GetValue<string>());
        var onlyInA = await siloA.Client(Channel).Submit(Intake("heating", "erqi"));
        var searchB = await (await siloB.Client(Agent).GetAsync("/api/cases?pageSize=100")).Json();
        Assert.Equal([id], searchB["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));

        // Service a's silo dies having written onlyInA with its notices undelivered (and no index row).
        siloA.Kill();
        await db.Execute($"UPDATE dispatcher_case_state SET written_by = 'S10.0.0.1:11111@1', outbox_pending = true WHERE service_id = '{a}' AND id = '{onlyInA}'");
        await db.Execute($"DELETE FROM dispatcher_case_index WHERE service_id = '{a}' AND id = '{onlyInA}'");
        // Service b's reconciler passes every 2 s; four passes later a's case is still a's to deliver.
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(0L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_index WHERE id = '{onlyInA}'"));
        Assert.Equal(1L, await db.Scalar<long>($"SELECT count(*) FROM dispatcher_case_state WHERE id = '{onlyInA}' AND outbox_pending"));

        // Service a comes back: its own reconciler delivers it.
        await using var siloA2 = await SiloProcess.Start(db.ConnectionString, a, extraArgs: Service(a));
        await Eventually(async () =>
        {
            Assert.Equal([a], await db.Column($"SELECT service_id FROM dispatcher_case_index WHERE id = '{onlyInA}'"));
            return true;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal("heating", (await siloA2.Client(Agent).Case(onlyInA))["category"]!.GetValue<string>());
    }
}
