using System.Collections.Concurrent;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Grains.Hosting;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;
using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

public sealed class DeadlineClusterFixture : IAsyncLifetime
{
    public static readonly ShiftableClock Clock = new();
    public TestCluster Cluster { get; private set; } = null!;

    public sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            DeadlineSilos.Configure(silo, Clock);
        }
    }

    public async Task InitializeAsync() => Cluster = await DeadlineSilos.Deploy<Silo>(1);

    public Task DisposeAsync() => DeadlineSilos.Stop(Cluster);
}

/// <summary>Deadlines on a live cluster: the deadline scanner wakes cases on time, history and the department stream show every step once.</summary>
public sealed class DeadlineClusterTests(DeadlineClusterFixture fixture) : IClassFixture<DeadlineClusterFixture>
{
    private static readonly ShiftableClock Clock = DeadlineClusterFixture.Clock;

    [Fact]
    public async Task An_unacknowledged_case_goes_warning_breach_supervision_escalation_in_history_and_on_its_stream()
    {
        var events = new ConcurrentQueue<DepartmentEvent>();
        var stream = fixture.Cluster.Client.GetStreamProvider(DispatcherNames.StreamProvider)
            .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, "city-environment"));
        var subscription = await stream.SubscribeAsync((e, _) => { events.Enqueue(e); return Task.CompletedTask; });
        try
        {
            var id = "ZZ-DL01-" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
            var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
            var receipt = await grain.Submit(new SubmitCase(Channel, Intake("air-pollution", "erqi")));
            Assert.Equal("city-environment", receipt.DepartmentId);
            var dispatchedAt = (await grain.Get()).History[^1].At;

            Clock.AdvanceTo(dispatchedAt.AddMinutes(5));
            await WaitFor(grain, v => v.History.Count(h => h.Action == CaseAction.Warn) == 1, "the 50 % warning");
            Clock.AdvanceTo(dispatchedAt.AddMinutes(10));
            await WaitFor(grain, v => v.History.Any(h => h.Action == CaseAction.Supervise), "breach and supervision");
            var view = await grain.Get();
            Assert.Equal(3, view.History.Count(h => h.Action == CaseAction.Warn));
            Assert.Single(view.History, h => h.Action == CaseAction.Overdue);
            Assert.NotNull(view.SupervisionDue);
            // Each deadline entry keeps its due time and records when it was written: the clock jumped
            // past the due times, so every one was written at (or after) the jump, never before its time.
            var breach = Assert.Single(view.History, h => h.Action == CaseAction.Overdue);
            Assert.Equal(dispatchedAt.AddMinutes(10), breach.At);
            Assert.All(view.History.Where(h => h.Actor.Kind == ActorKind.System && h.Sequence > 2), h =>
                Assert.True(h.RecordedAt >= h.At && h.RecordedAt >= dispatchedAt.AddMinutes(5), $"{h.Action} at {h.At} recorded {h.RecordedAt}"));
            Assert.All(view.History.Where(h => h.Action is CaseAction.Submit or CaseAction.Route), h => Assert.Null(h.RecordedAt));
            Assert.True(HistoryVerifier.Verify(view).Valid, HistoryVerifier.Verify(view).Reason);

            Clock.AdvanceTo(view.SupervisionDue!.Value);
            await WaitFor(grain, v => v.Escalated, "the escalation");
            await TwoScansFinished(id); // further scans must add nothing
            view = await grain.Get();
            Assert.Equal(["Submit", "Route", "Warn", "Warn", "Warn", "Overdue", "Supervise", "Escalate"],
                view.History.Where(h => h.Action is not CaseAction.Warn || h.Note!.StartsWith("acknowledge")).Select(h => h.Action.ToString()));

            // Referred to discipline inspection: the index's escalated cases are that list (ADR-040).
            var index = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<ICaseIndex>();
            var referred = await index.Search(new CaseQuery(EscalatedOnly: true, PageSize: 200, OldestFirst: true));
            Assert.Contains(referred.Items, r => r.Id == id && r.DepartmentId == "city-environment");

            await Eventually(() => events.Count(e => e.CaseId == id && e.Kind == DepartmentNoticeKind.Escalated) == 1, "the escalation event on the stream");
            var kinds = events.Where(e => e.CaseId == id).Select(e => e.Kind).ToArray();
            Assert.Equal(DepartmentNoticeKind.Assigned, kinds[0]);
            Assert.Equal(1, kinds.Count(k => k == DepartmentNoticeKind.Overdue));
            Assert.Equal(1, kinds.Count(k => k == DepartmentNoticeKind.Supervised));
            Assert.True(kinds.Count(k => k == DepartmentNoticeKind.DeadlineWarning) >= 3);

            var stats = await fixture.Cluster.GrainFactory.GetGrain<IDepartmentGrain>("city-environment").GetStats(Demo.City.MonthOf(dispatchedAt));
            Assert.True(stats.Overdue >= 1 && stats.Supervised >= 1 && stats.Escalated >= 1, stats.ToString());
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task A_case_acknowledged_in_time_gets_no_acknowledge_warning()
    {
        var id = "ZZ-DL02-" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        var receipt = await grain.Submit(new SubmitCase(Channel, Intake("food-safety", "erqi")));
        var at = (await grain.Get()).History[^1].At;
        await grain.Acknowledge(new CaseCommand("ack", Dept(receipt.DepartmentId!)));

        Clock.AdvanceTo(at.AddMinutes(15));
        await TwoScansFinished(id);
        var view = await grain.Get();
        Assert.DoesNotContain(view.History, h => h.Note?.StartsWith("acknowledge deadline") == true);
        Assert.False(view.Overdue);
    }

    [Fact]
    public async Task A_case_that_is_not_in_memory_still_gets_its_warning()
    {
        // Deadlines live in the case index, not in an activation or a reminder per case: an idle case
        // may leave memory and is woken when its time comes.
        var id = "ZZ-DL03-" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        await grain.Submit(new SubmitCase(Channel, Intake("air-pollution", "erqi")));
        var at = (await grain.Get()).History[^1].At;
        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Clock.AdvanceTo(at.AddMinutes(5));
        await WaitFor(grain, v => v.History.Any(h => h.Action == CaseAction.Warn), "the 50 % warning of a deactivated case");
    }

    [Fact]
    public async Task Every_bucket_keeps_a_reminder_and_a_bucket_beyond_the_count_registers_none()
    {
        var reminders = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<IReminderTable>();
        var buckets = new DeadlineOptions().Buckets;
        foreach (var b in new[] { 0, buckets - 1 })
        {
            var rows = await reminders.ReadRows(fixture.Cluster.GrainFactory.GetGrain<IDeadlineBucketGrain>(b).GetGrainId());
            Assert.Single(rows.Reminders, r => r.ReminderName == "deadline-bucket");
        }

        // A bucket left from a larger count (Buckets lowered between starts) retires instead of running.
        var leftOver = fixture.Cluster.GrainFactory.GetGrain<IDeadlineBucketGrain>(buckets + 4);
        await leftOver.Start();
        Assert.Empty((await reminders.ReadRows(leftOver.GetGrainId())).Reminders);
    }

    private static async Task WaitFor(ICaseGrain grain, Func<CaseView, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(await grain.Get())) return;
            await Task.Delay(200);
        }
        Assert.Fail($"timed out waiting for {what}: {string.Join(", ", (await grain.Get()).History.Select(h => h.Action))}");
    }

    /// <summary>
    /// Waits until the case's deadline bucket has finished two more scans: the second of them began
    /// after this call, so it saw the clock as it is now. "Nothing happened" then means the bucket ran
    /// and fired nothing, not that it had not run yet.
    /// </summary>
    private async Task TwoScansFinished(string caseId)
    {
        var bucket = fixture.Cluster.GrainFactory.GetGrain<IDeadlineBucketGrain>(DeadlineBucket.Of(caseId, new DeadlineOptions().Buckets).Index);
        var before = (await bucket.Status()).CompletedScans;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await bucket.Status()).CompletedScans < before + 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the case's deadline bucket finished no two scans in 20 s (at {(await bucket.Status()).CompletedScans}, from {before})");
            await Task.Delay(100);
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(condition(), $"timed out waiting for {what}");
    }
}

/// <summary>The interconnect on a live cluster: a partner's stream hears of the cases transferred to it.</summary>
public sealed class PartnerStreamTests(DeadlineClusterFixture fixture) : IClassFixture<DeadlineClusterFixture>
{
    [Fact]
    public async Task A_zhongmou_case_is_announced_on_the_county_lines_stream()
    {
        var events = new ConcurrentQueue<Dispatcher.Abstractions.Hotlines.PartnerEvent>();
        var stream = fixture.Cluster.Client.GetStreamProvider(DispatcherNames.StreamProvider)
            .GetStream<Dispatcher.Abstractions.Hotlines.PartnerEvent>(StreamId.Create(DispatcherNames.PartnerStreamNamespace, "zhongmou-hotline"));
        var subscription = await stream.SubscribeAsync((e, _) => { events.Enqueue(e); return Task.CompletedTask; });
        try
        {
            var id = "ZZ-PT01-" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
            var receipt = await fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id).Submit(new SubmitCase(Channel, Intake("road-damage", "zhongmou")));
            Assert.Equal(CaseStatus.TransferredOut, receipt.Status);

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!events.Any(e => e.CaseId == id) && DateTime.UtcNow < deadline) await Task.Delay(100);
            var announced = Assert.Single(events, e => e.CaseId == id);
            Assert.Equal("road-damage", announced.Category);
            Assert.Equal("zhongmou", announced.District);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}
