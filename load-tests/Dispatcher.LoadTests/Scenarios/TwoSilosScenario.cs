using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Hosting;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Reporting;
using Dispatcher.LoadTests.Workload;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>(d) Two PostgreSQL-mode silos of one cluster in this process, HTTP alternating between them: scale-out against one silo.</summary>
public sealed class TwoSilosScenario() : LoadScenario("two-silos",
    "max durable intake on two silos on loopback, as a ratio to one silo")
{
    public override async Task RunAsync(ScenarioContext context)
    {
        var (o, report, stop) = context;
        if (PostgresMode.Blocker(o) is { } why)
        {
            report.NotRun.Add($"(d) Two silos on loopback: not run — the embedded mode uses development clustering with itself as primary (no option to join another silo), so a second silo needs ADO.NET clustering (Storage=Postgres); {why}.");
            return;
        }
        var cluster = PostgresMode.NewClusterId("lt2");
        int s1 = FreePorts.Next(), g1 = FreePorts.Next(), s2 = FreePorts.Next(), g2 = FreePorts.Next();
        await using var a = await EmbeddedDispatcher.Start(PostgresMode.HostArgs(o, cluster, s1, g1), s1, g1);
        await using var b = await EmbeddedDispatcher.Start(PostgresMode.HostArgs(o, cluster, s2, g2), s2, g2);
        await Task.Delay(TimeSpan.FromSeconds(5), stop);
        using var ha = new HttpDriver(a.BaseUrl, 256, agentKeys: LoadAgents.Keys());
        using var hb = new HttpDriver(b.BaseUrl, 256, agentKeys: LoadAgents.Keys());
        var counters = new IntakeCounters();
        var mixA = new IntakeMix(a.City, o.ConsultationShare);
        var opA = IntakeOperation.Create(ha, mixA, counters, null, 0);
        var opB = IntakeOperation.Create(hb, mixA, counters, null, 0);
        var two = await context.Repeat("twoSilos.http", _ => ClosedLoop.Run("two silos http", o.Callers, o.Warmup, o.Measure, o.MaxCount, (i, ct) => (i & 1) == 0 ? opA(i, ct) : opB(i, ct), stop));
        var f = report.Add("twoSilos.http", $"(d) Max durable intake, two silos on loopback (one process), HTTP alternating, {o.Callers} callers", "cases/s", two.Select(RunFigures.ValidThroughput).ToList(), RunFigures.ErrorNote(two));
        report.Judge(f, "pg.intake.closed.http", null, true, "scale-out vs one silo");
    }
}
