using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// Joint cases (R4, ADR-027): a lead department and co-departments. Co-assignment and co-part steps
/// are history entries of their own (the entry's department is the co-department), so every notice
/// a department receives has a sequence of its own and none hides another. Checked against
/// <see cref="JointCaseRules"/>.
/// </summary>
public sealed partial class CaseWorkflow
{
    /// <summary>A co-department acknowledges, replies or asks release on its part; repeats of a request id return the first result.</summary>
    public CaseOutcome CoPart(CaseState state, CoPartCommand command, DateTimeOffset now)
    {
        if (Earlier(state, command.RequestId) is { } repeated) return repeated;
        var part = JointCaseRules.Authorize(state, command.Actor, command.DepartmentId);
        var action = command.Action switch
        {
            CoPartAction.Acknowledge => CaseAction.CoAcknowledge,
            CoPartAction.Reply => CaseAction.CoReply,
            CoPartAction.Release => CaseAction.CoRelease,
            _ => throw ValidationException.For("action", "Use acknowledge, reply or release."),
        };
        if (!JointCaseRules.CaseOpen(state.Status) || !JointCaseRules.Allows(command.Action, part.Status))
            throw new IllegalTransitionException(state.Id, state.Status, action, $"the co-part of '{part.DepartmentId}' is {part.Status.ToString().ToLowerInvariant()}");
        JointCaseRules.RequireText(command.Action, command.Text);

        var text = command.Text?.Trim();
        bool onTime;
        string note;
        DepartmentNoticeKind kind;
        switch (command.Action)
        {
            case CoPartAction.Acknowledge:
                onTime = DeadlineEngine.CompleteCoPart(part, DeadlineStep.Acknowledge, now);
                part.Status = CoPartStatus.Acknowledged;
                part.AcknowledgedAt = now;
                (kind, note) = (DepartmentNoticeKind.Acknowledged, string.IsNullOrEmpty(text) ? "co-part acknowledged" : text);
                break;
            case CoPartAction.Reply:
                onTime = DeadlineEngine.CompleteCoPart(part, DeadlineStep.Reply, now);
                part.Status = CoPartStatus.Replied;
                part.RepliedAt = now;
                part.Reply = text;
                (kind, note) = (DepartmentNoticeKind.Replied, text!);
                break;
            default:
                onTime = true;
                foreach (var d in part.Deadlines) d.Done = true;
                part.Status = CoPartStatus.Released;
                part.ReleaseReason = text;
                (kind, note) = (DepartmentNoticeKind.CoReleased, $"released: {text}");
                break;
        }
        var entry = Append(state, now, command.Actor, action, state.Status, part.DepartmentId, note, command.RequestId);
        var notices = new List<PendingNotice> { CoNotice(state, part, entry, kind, counts: true, onTime) };
        return new CaseOutcome(entry, notices);
    }

    /// <summary>
    /// Makes <paramref name="wanted"/> the case's co-departments: new ones get a part with fresh
    /// clocks, dropped ones are withdrawn, the others keep theirs. One CoAssign entry; null when
    /// nothing changes. The list was validated (<see cref="JointCaseRules.Validate"/>).
    /// </summary>
    private HistoryEntry? SetCoParts(CaseState state, DateTimeOffset now, Actor actor, IReadOnlyList<string> wanted, List<PendingNotice> notices)
    {
        var added = wanted.Where(d => state.CoPartOf(d) is null).ToArray();
        var removed = state.CoParts.Where(p => !wanted.Contains(p.DepartmentId)).ToArray();
        if (added.Length == 0 && removed.Length == 0) return null;
        foreach (var part in removed) state.CoParts.Remove(part);
        var parts = added.Select(d => new CoPart { DepartmentId = d, Status = CoPartStatus.Assigned, AssignedAt = now }).ToArray();
        foreach (var part in parts)
        {
            deadlines?.ArmCoPart(state, part, now);
            state.CoParts.Add(part);
        }
        var note = $"co-departments: {(wanted.Count == 0 ? "none" : string.Join(", ", wanted))}"
                   + (removed.Length == 0 ? "" : $" (withdrawn: {string.Join(", ", removed.Select(p => p.DepartmentId))})");
        var entry = Append(state, now, actor, CaseAction.CoAssign, state.Status, null, note, null);
        notices.AddRange(parts.Select(p => CoNotice(state, p, entry, DepartmentNoticeKind.Assigned, counts: true, onTime: true)));
        notices.AddRange(removed.Select(p => CoNotice(state, p, entry, DepartmentNoticeKind.Withdrawn, counts: p.Open, onTime: true)));
        return entry;
    }

    /// <summary>
    /// The lead resolved the case: every co-part still in an inbox gets its closing notice and its
    /// clocks stop; the reason for resolving before a co-department replied is recorded here.
    /// </summary>
    private static void CloseCoParts(CaseState state, DateTimeOffset now, Actor actor, string? reason, List<PendingNotice> notices)
    {
        var inInbox = state.CoParts.Where(p => p.Status is not (CoPartStatus.Released or CoPartStatus.Closed)).ToArray();
        if (inInbox.Length == 0) return;
        var outstanding = inInbox.Where(p => p.Open).Select(p => p.DepartmentId).ToArray();
        foreach (var part in inInbox)
        {
            if (part.Open) part.Status = CoPartStatus.Closed;
            foreach (var d in part.Deadlines) d.Done = true;
        }
        var note = $"case resolved by the lead: co-parts of {string.Join(", ", inInbox.Select(p => p.DepartmentId))} closed"
                   + (outstanding.Length == 0 ? "" : $"; resolved before {string.Join(", ", outstanding)} replied, reason: {reason!.Trim()}");
        // No request id: the resolve entry carries it, so a retry of the resolve finds the resolve.
        var entry = Append(state, now, actor, CaseAction.CoClose, state.Status, null, note, null);
        notices.AddRange(inInbox.Select(p => CoNotice(state, p, entry, DepartmentNoticeKind.CoClosed, counts: true, onTime: true)));
    }

    /// <summary>The earliest due deadline event of any open co-part, with its part.</summary>
    private (CoPart Part, DeadlineEvent Event)? NextCoPartEvent(CaseState state, DateTimeOffset now)
    {
        (CoPart, DeadlineEvent)? next = null;
        foreach (var part in state.CoParts.Where(p => p.Open))
            if (deadlines!.Due(part.Deadlines, now).FirstOrDefault() is { } e && (next is null || e.At < next.Value.Item2.At))
                next = (part, e);
        return next;
    }

    /// <summary>Fires one co-part deadline event: a warning or a breach on the co-department's own clock, counted apart.</summary>
    private HistoryEntry FireCoPartEvent(CaseState state, CoPart part, DeadlineEvent e, List<PendingNotice> notices, DateTimeOffset now)
    {
        var firstBreach = e.Action == CaseAction.Overdue && !part.Overdue;
        DeadlineEngine.MarkCoPartFired(part, e);
        var entry = Append(state, e.At, Actor.System, e.Action, state.Status, part.DepartmentId, $"co-part of {part.DepartmentId}: {e.Note}", null, recordedAt: now);
        notices.Add(CoNotice(state, part, entry, e.Action == CaseAction.Overdue ? DepartmentNoticeKind.Overdue : DepartmentNoticeKind.DeadlineWarning,
            counts: firstBreach, onTime: true));
        return entry;
    }

    private static PendingNotice CoNotice(CaseState state, CoPart part, HistoryEntry entry, DepartmentNoticeKind kind, bool counts, bool onTime)
    {
        var notice = Notice(state, NoticeTarget.Department(part.DepartmentId), entry, kind, counts);
        return notice with { Notice = notice.Notice with { AssignedAt = part.AssignedAt, OnTime = onTime, WasOverdue = part.Overdue, Role = CaseRole.Co } };
    }
}
