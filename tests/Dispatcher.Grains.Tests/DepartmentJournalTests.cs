using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// ADR-007: a department stores a journal of notices and, now and then, a snapshot. Whatever mix of
/// the two is in storage, a reactivated department must have the same inbox and counters, and a
/// redelivered notice must still be ignored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DepartmentJournalTests(ClusterFixture fixture)
{
    private static DepartmentNotice Notice(string caseId, long sequence, DepartmentNoticeKind kind, CaseStatus status, DateTimeOffset at) =>
        new(caseId, sequence, kind, at, at, status, "water-outage", "guancheng", CasePriority.Normal, null);

    [Fact]
    public async Task A_reactivated_department_rebuilds_inbox_and_counters_from_snapshot_and_journal()
    {
        // A department of its own (no routing rule sends cases here), so nothing else touches it.
        var department = fixture.Grains.GetGrain<IDepartmentGrain>("journal-" + Guid.NewGuid().ToString("N")[..8]);
        var at = DateTimeOffset.UtcNow;
        var month = fixture.City.MonthOf(at);
        var ids = Enumerable.Range(0, 400).Select(i => $"J-{i:D4}").ToArray();

        // Enough notices for several snapshots (the journal is cut at max(64, √(16 × open cases))),
        // with the last ones left in a journal after the last snapshot.
        await Task.WhenAll(ids.Select(id => department.Apply(Notice(id, 1, DepartmentNoticeKind.Assigned, CaseStatus.Dispatched, at))));
        await Task.WhenAll(ids.Take(150).Select(id => department.Apply(Notice(id, 2, DepartmentNoticeKind.Acknowledged, CaseStatus.Acknowledged, at))));
        await Task.WhenAll(ids.Take(90).Select(id => department.Apply(Notice(id, 3, DepartmentNoticeKind.Resolved, CaseStatus.Resolved, at))));
        await department.Apply(Notice(ids[399], 2, DepartmentNoticeKind.Acknowledged, CaseStatus.Acknowledged, at));
        var before = await department.GetStats(month);
        var inboxBefore = await department.GetInbox();

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = await department.GetStats(month);
        Assert.Equal(before, after);
        Assert.Equal((400, 151, 90, 310), (after.Received, after.Acknowledged, after.Resolved, after.OpenNow));
        Assert.Equal(inboxBefore.Select(i => (i.CaseId, i.Status)), (await department.GetInbox()).Select(i => (i.CaseId, i.Status)));

        // Notices a case redelivers after the reactivation (its outbox removal was not yet stored) count once.
        await department.Apply(Notice(ids[0], 3, DepartmentNoticeKind.Resolved, CaseStatus.Resolved, at));
        await department.Apply(Notice(ids[399], 2, DepartmentNoticeKind.Acknowledged, CaseStatus.Acknowledged, at));
        Assert.Equal(after, await department.GetStats(month));
    }
}
