using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>Deadline events (R5): warnings, breaches, supervision and escalation to discipline inspection.</summary>
public sealed partial class CaseWorkflow
{
    /// <summary>
    /// Fires every deadline event due by <paramref name="now"/>, each exactly once and in time order;
    /// null when nothing is due. Each entry's time is the event's due time and its recorded time is
    /// <paramref name="now"/> (ADR-030).
    /// </summary>
    public CaseOutcome? Tick(CaseState state, DateTimeOffset now)
    {
        if (deadlines is null || !state.Exists) return null;
        var notices = new List<PendingNotice>();
        HistoryEntry? last = null;
        // Bounded: a case has at most a few warnings, a breach, supervision and escalation per step (and per co-part).
        for (var guard = 0; guard < 64; guard++)
        {
            DeadlineEvent? next = null;
            if (state.DepartmentId is not null)
            {
                next = deadlines.Due(state, now).FirstOrDefault();
                var escalation = deadlines.EscalationDue(state, now);
                if (escalation is not null && (next is null || escalation.At <= next.At)) next = escalation;
            }
            // The co-parts' clocks (ADR-027) run on while the lead's case is returned or in arbitration; events fire in time order.
            if (NextCoPartEvent(state, now) is { } co && (next is null || co.Event.At < next.At))
            {
                last = FireCoPartEvent(state, co.Part, co.Event, notices, now);
                continue;
            }
            if (next is null) break;
            var department = NoticeTarget.Department(state.DepartmentId!);

            if (next.Action == CaseAction.Escalate)
            {
                state.Escalated = true;
                last = Append(state, next.At, Actor.System, CaseAction.Escalate, state.Status, state.DepartmentId, next.Note, null, recordedAt: now);
                notices.Add(Notice(state, department, last, DepartmentNoticeKind.Escalated, true));
                continue;
            }
            var firstBreach = next.Action == CaseAction.Overdue && !state.Overdue;
            var supervision = deadlines.MarkFired(state, next);
            last = Append(state, next.At, Actor.System, next.Action, state.Status, state.DepartmentId, next.Note, null, recordedAt: now);
            notices.Add(Notice(state, department, last,
                next.Action == CaseAction.Overdue ? DepartmentNoticeKind.Overdue : DepartmentNoticeKind.DeadlineWarning,
                next.Action == CaseAction.Overdue && firstBreach));
            if (supervision is not null)
            {
                last = Append(state, supervision.At, Actor.System, CaseAction.Supervise, state.Status, state.DepartmentId, supervision.Note, null, recordedAt: now);
                notices.Add(Notice(state, department, last, DepartmentNoticeKind.Supervised, true));
            }
        }
        return last is null ? null : new CaseOutcome(last, notices);
    }
}
