using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Stats;

/// <summary>The persisted state of a department grain: open cases and per-month counters.</summary>
[GenerateSerializer, Alias("dispatcher.department-ledger")]
public sealed class DepartmentLedger
{
    /// <summary>Open cases by id (R4: the department's inbox).</summary>
    [Id(0)] public Dictionary<string, InboxEntry> Inbox { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Counters by cohort month "YYYY-MM" (the month the case was assigned here).</summary>
    [Id(1)] public Dictionary<string, MonthCounters> Months { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Last applied sequence of cases that have left the inbox, so a redelivered notice is ignored.</summary>
    [Id(2)] public Dictionary<string, long> Departed { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Queue<string> DepartedOrder { get; set; } = new();
    /// <summary>Which journal generation this snapshot starts (ADR-007/011): journal batches of this generation come after it.</summary>
    [Id(4)] public long Generation { get; set; }
}

/// <summary>
/// The journal as ADR-007 stored it: one grain state rewritten on every group commit. Since ADR-011
/// batches are appended to a journal store instead; a department still holding this state has it
/// replayed once on activation and then snapshotted past.
/// </summary>
[GenerateSerializer, Alias("dispatcher.department-journal")]
public sealed class DepartmentJournal
{
    /// <summary>The snapshot generation these notices follow; a journal older than the snapshot is already in it.</summary>
    [Id(0)] public long Generation { get; set; }
    [Id(1)] public List<DepartmentNotice> Notices { get; set; } = [];
}

[GenerateSerializer, Alias("dispatcher.inbox-entry")]
public sealed class InboxEntry
{
    [Id(0)] public InboxItem Item { get; set; } = null!;
    [Id(1)] public long LastSequence { get; set; }
}

/// <summary>
/// Applies case notices to a department's inbox and counters. Counters are cohort-based: every
/// step is counted in the month the case was assigned to the department, so a month's rates
/// describe that month's cases and never exceed 100 %.
/// </summary>
public sealed class DepartmentBook(DepartmentLedger ledger, Func<DateTimeOffset, string> monthOf, int departedMemory = 5000)
{
    /// <summary>Applies a notice; false when it was applied before (same case, same or older sequence).</summary>
    public bool Apply(DepartmentNotice notice)
    {
        if (LastSequenceOf(notice.CaseId) >= notice.Sequence) return false;

        var month = monthOf(notice.AssignedAt);
        if (!ledger.Months.TryGetValue(month, out var counters)) ledger.Months[month] = counters = new MonthCounters();
        Count(counters, notice);

        var item = new InboxItem(notice.CaseId, notice.CaseStatus, notice.Category, notice.District, notice.Priority, notice.AssignedAt, notice.At, notice.Role);
        if (IsOpen(notice.Kind))
        {
            ledger.Departed.Remove(notice.CaseId);
            ledger.Inbox[notice.CaseId] = new InboxEntry { Item = item, LastSequence = notice.Sequence };
        }
        else
        {
            ledger.Inbox.Remove(notice.CaseId);
            Remember(notice.CaseId, notice.Sequence);
        }
        return true;
    }

    private long LastSequenceOf(string caseId) =>
        ledger.Inbox.TryGetValue(caseId, out var open) ? open.LastSequence : ledger.Departed.GetValueOrDefault(caseId);

    private static bool IsOpen(DepartmentNoticeKind kind) => kind is DepartmentNoticeKind.Assigned or DepartmentNoticeKind.ArbitrationRuling
        or DepartmentNoticeKind.Acknowledged or DepartmentNoticeKind.Started or DepartmentNoticeKind.Replied or DepartmentNoticeKind.Reopened
        or DepartmentNoticeKind.DeadlineWarning or DepartmentNoticeKind.Overdue or DepartmentNoticeKind.Supervised or DepartmentNoticeKind.Escalated;

    private static void Count(MonthCounters c, DepartmentNotice notice)
    {
        if (notice.Role == CaseRole.Co)
        {
            CountCoPart(c, notice);
            return;
        }
        // A case that leaves the department while overdue no longer counts as open and overdue here.
        if (notice.WasOverdue && notice.Kind is DepartmentNoticeKind.Returned or DepartmentNoticeKind.SentToArbitration or DepartmentNoticeKind.Withdrawn)
            c.OpenOverdue--;
        if (!notice.Counts) return;
        switch (notice.Kind)
        {
            case DepartmentNoticeKind.Assigned or DepartmentNoticeKind.ArbitrationRuling: c.Received++; break;
            case DepartmentNoticeKind.Acknowledged:
                c.Acknowledged++;
                if (notice.OnTime) c.AcknowledgedOnTime++;
                break;
            case DepartmentNoticeKind.Replied:
                c.Replied++;
                if (notice.OnTime) c.RepliedOnTime++;
                break;
            case DepartmentNoticeKind.Resolved:
                c.Resolved++;
                if (notice.WasOverdue) { c.FinishedLate++; c.OpenOverdue--; }
                else c.FinishedOnTime++;
                break;
            case DepartmentNoticeKind.Returned or DepartmentNoticeKind.SentToArbitration: c.Returned++; break;
            case DepartmentNoticeKind.Withdrawn: c.Withdrawn++; break;
            // A reopened case is no longer resolved (nor finished); it counts again when it is resolved again.
            case DepartmentNoticeKind.Reopened:
                c.Reopened++;
                c.Resolved--;
                if (notice.WasOverdue) c.FinishedLate--;
                else c.FinishedOnTime--;
                break;
            case DepartmentNoticeKind.Overdue: c.Overdue++; c.OpenOverdue++; break;
            case DepartmentNoticeKind.Supervised: c.Supervised++; break;
            case DepartmentNoticeKind.Escalated: c.Escalated++; break;
            case DepartmentNoticeKind.CallbackRecorded:
                switch (notice.Satisfaction)
                {
                    case Satisfaction.Satisfied: c.Satisfied++; break;
                    case Satisfaction.BasicallySatisfied: c.BasicallySatisfied++; break;
                    case Satisfaction.Unsatisfied: c.Unsatisfied++; break;
                }
                break;
        }
    }

    /// <summary>A co-part's steps go to the co-handled counters only (ADR-027), so the department's own rates stay its own.</summary>
    private static void CountCoPart(MonthCounters c, DepartmentNotice notice)
    {
        if (!notice.Counts) return;
        switch (notice.Kind)
        {
            case DepartmentNoticeKind.Assigned: c.CoReceived++; break;
            case DepartmentNoticeKind.Acknowledged:
                c.CoAcknowledged++;
                if (notice.OnTime) c.CoAcknowledgedOnTime++;
                break;
            case DepartmentNoticeKind.Replied:
                c.CoReplied++;
                if (notice.OnTime) c.CoRepliedOnTime++;
                break;
            case DepartmentNoticeKind.CoReleased: c.CoReleased++; break;
            case DepartmentNoticeKind.Withdrawn: c.CoWithdrawn++; break;
            case DepartmentNoticeKind.Overdue: c.CoOverdue++; break;
        }
    }

    private void Remember(string caseId, long sequence)
    {
        if (!ledger.Departed.ContainsKey(caseId)) ledger.DepartedOrder.Enqueue(caseId);
        ledger.Departed[caseId] = sequence;
        while (ledger.DepartedOrder.Count > departedMemory)
            ledger.Departed.Remove(ledger.DepartedOrder.Dequeue());
    }

    public int OpenCount => ledger.Inbox.Count;

    public IReadOnlyList<InboxItem> Inbox() =>
        ledger.Inbox.Values.Select(e => e.Item).OrderBy(i => i.AssignedAt).ThenBy(i => i.CaseId, StringComparer.Ordinal).ToArray();

    public DepartmentStats Stats(string departmentId, string month)
    {
        var c = ledger.Months.GetValueOrDefault(month) ?? new MonthCounters();
        return Rates.ToStats(departmentId, month, c, ledger.Inbox.Count);
    }
}
