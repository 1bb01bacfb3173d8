using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// The case lifecycle (R4) as plain code: what the next state is and who must hear of it. The
/// grain only persists and delivers. Split by concern: creating a case from an accepted intake
/// (CaseWorkflow.Intake.cs), commands (CaseWorkflow.Transitions.cs, checked against
/// <see cref="TransitionRules"/>), deadline events (CaseWorkflow.DeadlineTicks.cs); this file holds
/// what they share — history entries and outbox notices.
/// </summary>
/// <param name="city">Departments, categories and districts the workflow checks against.</param>
/// <param name="maxReturns">Returns after which a case goes to arbitration.</param>
/// <param name="deadlines">The SLA clocks; null runs the workflow without deadlines (unit tests of the state machine).</param>
public sealed partial class CaseWorkflow(CityDirectory city, int maxReturns = 2, DeadlineEngine? deadlines = null)
{
    public DeadlineEngine? Deadlines => deadlines;
    public CityDirectory City => city;

    public int MaxReturns { get; } = maxReturns >= 1 ? maxReturns : throw new ArgumentOutOfRangeException(nameof(maxReturns));

    /// <summary>The first result of a request id seen before (the command is then a no-op); null for a new one.</summary>
    private static CaseOutcome? Earlier(CaseState state, string requestId)
    {
        if (!state.Exists) throw new CaseNotFoundException(state.Id);
        if (string.IsNullOrWhiteSpace(requestId)) throw ValidationException.For("requestId", "Required.");
        return state.History.FindLast(h => h.RequestId == requestId) is { } earlier ? new CaseOutcome(earlier, [], Repeated: true) : null;
    }

    /// <summary>Gives the case to a department with fresh deadlines; the department hears of it.</summary>
    private HistoryEntry Assign(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, string department, string? note,
        string? requestId, DepartmentNoticeKind kind, List<PendingNotice> notices)
    {
        if (state.DepartmentId != department) state.ClaimedBy = null;
        state.DepartmentId = department;
        state.AssignedAt = now;
        state.AcknowledgeCounted = false;
        state.ReplyCounted = false;
        deadlines?.Arm(state, now);
        var entry = Append(state, now, actor, action, CaseStatus.Dispatched, department, note, requestId);
        notices.Add(Notice(state, NoticeTarget.Department(department), entry, kind, true));
        return entry;
    }

    /// <summary>A department's own step on its case, with whether it met that step's deadline.</summary>
    private static HistoryEntry Step(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, CaseStatus to, string? note,
        string requestId, DepartmentNoticeKind kind, bool counts, List<PendingNotice> notices, DeadlineStep? completes = null)
    {
        var onTime = completes is not { } step || DeadlineEngine.Complete(state, step, now);
        var entry = Append(state, now, actor, action, to, state.DepartmentId, note, requestId);
        var notice = Notice(state, NoticeTarget.Department(state.DepartmentId!), entry, kind, counts);
        notices.Add(notice with { Notice = notice.Notice with { OnTime = onTime } });
        return entry;
    }

    /// <summary>Appends the entry at <paramref name="now"/>; <paramref name="recordedAt"/> is set only when the entry is written later than its time (a deadline event).</summary>
    private static HistoryEntry Append(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, CaseStatus to,
        string? department, string? note, string? requestId, DateTimeOffset? recordedAt = null)
    {
        var from = state.History.Count == 0 ? CaseStatus.Received : state.Status;
        var entry = HistoryChain.Link(state.Id, state.History.Count == 0 ? null : state.History[^1],
            new HistoryEntry(state.LastSequence + 1, now, actor, action, from, to, department, note, requestId, RecordedAt: recordedAt));
        state.History.Add(entry);
        state.Status = to;
        state.UpdatedAt = now;
        return entry;
    }

    private static PendingNotice Notice(CaseState state, NoticeTarget target, HistoryEntry entry, DepartmentNoticeKind kind, bool counts) =>
        PendingNotice.For(target, new DepartmentNotice(state.Id, entry.Sequence, kind, entry.At, state.AssignedAt, entry.To,
            state.Intake!.Category, state.Intake.District, state.Intake.Priority, entry.Note, counts, WasOverdue: state.Overdue));
}
