using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>Surge mode: closing a surge incident resolves its lead cases and every report that joined them.</summary>
public sealed partial class CaseWorkflow
{
    /// <summary>Operators who open and close surge incidents.</summary>
    private static readonly ActorKind[] SurgeOperators = [ActorKind.Agent, ActorKind.Admin, ActorKind.Supervisor];

    /// <summary>
    /// Resolves the case with the surge incident's outcome: a joined report (Merged) and a lead case
    /// alike become Resolved with a Resolve entry, so the citizen hears of it, the department's
    /// counters count the lead's resolution, and each waits for its callback (回访). A case that is
    /// already finished (resolved, closed, answered at first contact, with a partner) is left as it is:
    /// the outcome then repeats its last entry and nothing is stored.
    /// </summary>
    public CaseOutcome ResolveForSurge(CaseState state, Actor actor, string requestId, string surgeId, string outcome, DateTimeOffset now)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;
        if (!SurgeOperators.Contains(actor.Kind)) throw new ForbiddenActionException($"A {actor.Kind} may not close a surge incident.");
        TransitionRules.RequireText(CaseAction.Resolve, outcome);
        var note = $"surge incident {surgeId} closed: {outcome}";
        var notices = new List<PendingNotice>();
        HistoryEntry entry;
        switch (state.Status)
        {
            case CaseStatus.Dispatched or CaseStatus.Acknowledged or CaseStatus.InProgress or CaseStatus.Replied or CaseStatus.Reopened:
                entry = Step(state, now, actor, CaseAction.Resolve, CaseStatus.Resolved, note, requestId, DepartmentNoticeKind.Resolved, true, notices, DeadlineStep.Resolve);
                break;
            case CaseStatus.Triage:
                entry = Append(state, now, actor, CaseAction.Resolve, CaseStatus.Resolved, null, note, requestId);
                DeadlineEngine.Disarm(state);
                break;
            case CaseStatus.Merged or CaseStatus.Returned or CaseStatus.Arbitration:
                entry = Append(state, now, actor, CaseAction.Resolve, CaseStatus.Resolved, state.DepartmentId, note, requestId);
                DeadlineEngine.Disarm(state);
                break;
            default:
                return new CaseOutcome(state.History[^1], [], Repeated: true);
        }
        return new CaseOutcome(entry, notices);
    }
}
