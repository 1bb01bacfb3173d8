using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>Commands on an existing case: department steps, dispatch, close, reopen, callback, a partner's outcome.</summary>
public sealed partial class CaseWorkflow
{
    /// <summary>Applies a department or agent command; repeats of a request id return the first result.</summary>
    /// <param name="recordAsRule">With a dispatch that rules an arbitration: record the ruling as a routing rule (★ precedent).</param>
    /// <param name="coDepartments">With a dispatch: the case's co-departments from now on (ADR-027); null keeps them.</param>
    /// <param name="reason">With a resolve: why a joint case is resolved before every co-department replied.</param>
    public CaseOutcome Apply(CaseState state, CaseAction action, Actor actor, string requestId, string? text, DateTimeOffset now, string? targetDepartment = null,
        bool recordAsRule = false, IReadOnlyList<string?>? coDepartments = null, string? reason = null)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;

        TransitionRules.Authorize(state, action, actor);
        if (!TransitionRules.Allows(action, state.Status)) throw new IllegalTransitionException(state.Id, state.Status, action);
        TransitionRules.RequireText(action, text);

        var notices = new List<PendingNotice>();
        var entry = action switch
        {
            CaseAction.Acknowledge => Step(state, now, actor, action, CaseStatus.Acknowledged, text, requestId, DepartmentNoticeKind.Acknowledged, FirstTime(ref state.AcknowledgeCounted), notices, DeadlineStep.Acknowledge),
            CaseAction.Start => Step(state, now, actor, action, CaseStatus.InProgress, text, requestId, DepartmentNoticeKind.Started, true, notices),
            CaseAction.Reply => Step(state, now, actor, action, CaseStatus.Replied, text, requestId, DepartmentNoticeKind.Replied, FirstTime(ref state.ReplyCounted), notices, DeadlineStep.Reply),
            CaseAction.Resolve => Resolve(state, now, actor, text, reason, requestId, notices),
            CaseAction.Return => Return(state, now, actor, text!, requestId, notices),
            CaseAction.Dispatch => Dispatch(state, now, actor, targetDepartment, text!, requestId, recordAsRule, coDepartments, notices),
            CaseAction.Close => Close(state, now, actor, text, requestId),
            CaseAction.Reopen => Reopen(state, now, actor, text!, requestId, notices),
            CaseAction.Claim => Claim(state, now, actor, text, requestId),
            _ => throw new IllegalTransitionException(state.Id, state.Status, action),
        };
        return new CaseOutcome(entry, notices);
    }

    /// <summary>
    /// Who of the department handles the case: <paramref name="clerk"/> (the head assigning, or a
    /// department system) or, without one, the acting clerk. The status does not change and no
    /// counter moves; the history records it like any step.
    /// </summary>
    private static HistoryEntry Claim(CaseState state, DateTimeOffset now, Actor actor, string? clerk, string requestId)
    {
        var to = string.IsNullOrWhiteSpace(clerk) ? actor.Id : clerk.Trim();
        if (to.Length > 64) throw ValidationException.For("clerk", "At most 64 characters.");
        state.ClaimedBy = to;
        return Append(state, now, actor, CaseAction.Claim, state.Status, state.DepartmentId, to == actor.Id ? $"claimed by {to}" : $"assigned to {to}", requestId);
    }

    /// <summary>The partner's outcome: resolved closes the case; returned sends it back to the centre for dispatch.</summary>
    public CaseOutcome PartnerOutcome(CaseState state, Actor actor, string requestId, bool resolved, string? note, DateTimeOffset now)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;
        if (actor.Kind != ActorKind.Partner || actor.Id != state.PartnerLineId)
            throw new ForbiddenActionException($"Case {state.Id} was not transferred to '{actor.Id}'.");
        if (state.Status != CaseStatus.TransferredOut) throw new IllegalTransitionException(state.Id, state.Status, CaseAction.PartnerOutcome);
        if (string.IsNullOrWhiteSpace(note)) throw ValidationException.For("note", "Required: what the partner did.");
        var entry = Append(state, now, actor, CaseAction.PartnerOutcome, resolved ? CaseStatus.Closed : CaseStatus.Returned, null,
            (resolved ? "resolved by partner: " : "returned by partner: ") + note, requestId);
        return new CaseOutcome(entry, []);
    }

    /// <summary>
    /// The callback (回访, R6): satisfied or basically satisfied closes the case; unsatisfied reopens
    /// it to the same department with fresh deadlines.
    /// </summary>
    public CaseOutcome Callback(CaseState state, Actor actor, string requestId, Satisfaction satisfaction, string? note, DateTimeOffset now)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;
        TransitionRules.Authorize(state, CaseAction.Callback, actor);
        if (state.Status != CaseStatus.Resolved) throw new IllegalTransitionException(state.Id, state.Status, CaseAction.Callback);
        if (!Enum.IsDefined(satisfaction)) throw ValidationException.For("satisfaction", "Use satisfied, basicallySatisfied or unsatisfied.");
        TransitionRules.RequireText(CaseAction.Callback, note);
        if (satisfaction == Satisfaction.Unsatisfied) RequireDepartmentToReopen(state);

        var notices = new List<PendingNotice>();
        state.LastSatisfaction = satisfaction;
        var text = string.IsNullOrWhiteSpace(note) ? satisfaction.ToString() : $"{satisfaction}: {note}";
        // 并单: every reporter of the incident is part of the callback.
        if (state.Reporters.Count > 0)
            text += $" (with {state.Reporters.Count} further reporter(s): {string.Join(", ", state.Reporters.Select(r => r.CaseId))})";
        var unsatisfied = satisfaction == Satisfaction.Unsatisfied;
        var entry = Append(state, now, actor, CaseAction.Callback, unsatisfied ? CaseStatus.Resolved : CaseStatus.Closed, state.DepartmentId, text, requestId);
        // A joined report resolved by its surge incident (CaseWorkflow.Surge.cs) has no department to tell.
        if (state.DepartmentId is { } department)
        {
            var callback = Notice(state, NoticeTarget.Department(department), entry, DepartmentNoticeKind.CallbackRecorded, true);
            notices.Add(callback with { Notice = callback.Notice with { Satisfaction = satisfaction } });
        }
        if (!unsatisfied)
        {
            DeadlineEngine.Disarm(state);
            return new CaseOutcome(entry, notices);
        }
        return new CaseOutcome(Reopen(state, now, actor, $"citizen unsatisfied at callback{(note is null ? "" : ": " + note)}", requestId, notices), notices);
    }

    /// <summary>True the first time a step happens in the current assignment.</summary>
    private static bool FirstTime(ref bool counted)
    {
        if (counted) return false;
        counted = true;
        return true;
    }

    private HistoryEntry Return(CaseState state, DateTimeOffset now, Actor actor, string reason, string requestId, List<PendingNotice> notices)
    {
        if (state.ArbitrationBinding)
            throw new IllegalTransitionException(state.Id, state.Status, CaseAction.Return, "the arbitration ruling binds this department");
        if (deadlines?.ReturnWindowClosed(state, now) is { } closed)
            throw new IllegalTransitionException(state.Id, state.Status, CaseAction.Return,
                $"the return window closed at {closed.ToOffset(city.UtcOffset):yyyy-MM-dd HH:mm zzz}");
        var department = state.DepartmentId!;
        state.Returns++;
        var toArbitration = state.Returns >= MaxReturns;
        var entry = Append(state, now, actor, toArbitration ? CaseAction.Arbitrate : CaseAction.Return,
            toArbitration ? CaseStatus.Arbitration : CaseStatus.Returned, department,
            toArbitration ? $"return {state.Returns} of {MaxReturns}: sent to arbitration — {reason}" : reason, requestId);
        notices.Add(Notice(state, NoticeTarget.Department(department), entry, toArbitration ? DepartmentNoticeKind.SentToArbitration : DepartmentNoticeKind.Returned, true));
        state.DepartmentId = null;
        DeadlineEngine.Disarm(state);
        return entry;
    }

    /// <summary>The lead resolves the whole case (ADR-027: with a reason when a co-department has not replied); open co-parts close.</summary>
    private static HistoryEntry Resolve(CaseState state, DateTimeOffset now, Actor actor, string? text, string? reason, string requestId, List<PendingNotice> notices)
    {
        JointCaseRules.RequireResolveReason(state, reason);
        var entry = Step(state, now, actor, CaseAction.Resolve, CaseStatus.Resolved, text, requestId, DepartmentNoticeKind.Resolved, true, notices, DeadlineStep.Resolve);
        CloseCoParts(state, now, actor, reason, notices);
        return entry;
    }

    private HistoryEntry Dispatch(CaseState state, DateTimeOffset now, Actor actor, string? target, string reason, string requestId, bool recordAsRule,
        IReadOnlyList<string?>? coDepartments, List<PendingNotice> notices)
    {
        if (recordAsRule && state.Status != CaseStatus.Arbitration)
            throw ValidationException.For("recordAsRule", "Only an arbitration ruling can become a routing rule; this case is not in arbitration.");
        if (string.IsNullOrWhiteSpace(target)) throw ValidationException.For("departmentId", "Required.");
        if (city.FindDepartment(target) is null) throw ValidationException.For("departmentId", $"Unknown department '{target}'.");
        var isOverride = state.Status is CaseStatus.Dispatched or CaseStatus.Acknowledged;
        if (isOverride && target == state.DepartmentId)
            throw ValidationException.For("departmentId", $"The case is already with '{target}'.");
        // Co-parts stay unless the dispatcher names the co-departments anew (ADR-027); a co-department cannot become the lead while it is one.
        var co = coDepartments is null ? null : JointCaseRules.Validate(coDepartments, target, city);
        if (co is null && state.CoPartOf(target) is not null)
            throw ValidationException.For("departmentId", $"'{target}' is a co-department of this case: name coDepartments without it to make it the lead.");
        var previous = (Department: state.DepartmentId, state.AssignedAt, state.Overdue);

        var ruling = state.Status == CaseStatus.Arbitration;
        if (ruling) state.ArbitrationBinding = true;
        state.RuleId = null;
        var entry = Assign(state, now, actor, CaseAction.Dispatch, target, ruling ? $"arbitration ruling: {reason}" : reason, requestId,
            ruling ? DepartmentNoticeKind.ArbitrationRuling : DepartmentNoticeKind.Assigned, notices);
        if (isOverride)
        {
            // The department that lost the case hears of it, counted in the cohort of its own assignment.
            var withdrawn = Notice(state, NoticeTarget.Department(previous.Department!), entry, DepartmentNoticeKind.Withdrawn, true);
            notices.Add(withdrawn with { Notice = withdrawn.Notice with { AssignedAt = previous.AssignedAt, WasOverdue = previous.Overdue } });
        }
        // The routing table hears of the ruling through the outbox, so the rule is recorded even if the table is briefly unreachable.
        if (recordAsRule) notices.Add(Notice(state, NoticeTarget.Precedent, entry, DepartmentNoticeKind.ArbitrationRuling, false));
        if (co is not null) SetCoParts(state, now, actor, co, notices);
        return entry;
    }

    private HistoryEntry Reopen(CaseState state, DateTimeOffset now, Actor actor, string reason, string requestId, List<PendingNotice> notices)
    {
        RequireDepartmentToReopen(state);
        state.Reopens++;
        var entry = Step(state, now, actor, CaseAction.Reopen, CaseStatus.Reopened, reason, requestId, DepartmentNoticeKind.Reopened, true, notices);
        deadlines?.Arm(state, now);
        return entry;
    }

    private static HistoryEntry Close(CaseState state, DateTimeOffset now, Actor actor, string? note, string requestId)
    {
        DeadlineEngine.Disarm(state);
        return Append(state, now, actor, CaseAction.Close, CaseStatus.Closed, state.DepartmentId, note, requestId);
    }

    /// <summary>A joined report resolved with its surge incident (CaseWorkflow.Surge.cs) has no department to go back to.</summary>
    private static void RequireDepartmentToReopen(CaseState state)
    {
        if (state.DepartmentId is null)
            throw new IllegalTransitionException(state.Id, state.Status, CaseAction.Reopen, $"no department holds it: reopen the case it joined{(state.MergedInto is { } lead ? $" ({lead})" : "")}");
    }
}
