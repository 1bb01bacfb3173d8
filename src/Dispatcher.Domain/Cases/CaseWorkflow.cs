using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Domain.Cases;

/// <summary>What a transition produced: its history entry and the department notices it implies.</summary>
public sealed record CaseOutcome(HistoryEntry Entry, IReadOnlyList<PendingNotice> Notices, bool Repeated = false);

/// <summary>
/// The case lifecycle (R4) as plain code: who may do what in which state, what the next state is,
/// and which departments must hear of it. The grain only persists and delivers.
/// </summary>
/// <param name="city">Departments, categories and districts the workflow checks against.</param>
/// <param name="maxReturns">Returns after which a case goes to arbitration.</param>
/// <param name="deadlines">The SLA clocks; null runs the workflow without deadlines (unit tests of the state machine).</param>
public sealed class CaseWorkflow(CityDirectory city, int maxReturns = 2, DeadlineEngine? deadlines = null)
{
    public DeadlineEngine? Deadlines => deadlines;
    public CityDirectory City => city;

    public int MaxReturns { get; } = maxReturns >= 1 ? maxReturns : throw new ArgumentOutOfRangeException(nameof(maxReturns));

    private static readonly Dictionary<CaseAction, CaseStatus[]> AllowedFrom = new()
    {
        [CaseAction.Acknowledge] = [CaseStatus.Dispatched, CaseStatus.Reopened],
        [CaseAction.Start] = [CaseStatus.Acknowledged],
        [CaseAction.Reply] = [CaseStatus.Acknowledged, CaseStatus.InProgress],
        [CaseAction.Resolve] = [CaseStatus.Replied],
        [CaseAction.Return] = [CaseStatus.Dispatched, CaseStatus.Acknowledged],
        [CaseAction.Dispatch] = [CaseStatus.Triage, CaseStatus.Returned, CaseStatus.Arbitration, CaseStatus.Dispatched, CaseStatus.Acknowledged],
        [CaseAction.Close] = [CaseStatus.Resolved],
        [CaseAction.Reopen] = [CaseStatus.Resolved, CaseStatus.Closed],
        [CaseAction.Callback] = [CaseStatus.Resolved],
    };

    private static readonly Dictionary<CaseAction, ActorKind[]> AllowedActors = new()
    {
        [CaseAction.Acknowledge] = [ActorKind.Department],
        [CaseAction.Start] = [ActorKind.Department],
        [CaseAction.Reply] = [ActorKind.Department],
        [CaseAction.Resolve] = [ActorKind.Department],
        [CaseAction.Return] = [ActorKind.Department],
        [CaseAction.Dispatch] = [ActorKind.Agent, ActorKind.Admin],
        [CaseAction.Close] = [ActorKind.Agent, ActorKind.Admin],
        [CaseAction.Reopen] = [ActorKind.Agent, ActorKind.Admin],
        [CaseAction.Callback] = [ActorKind.Agent, ActorKind.Admin],
    };

    private static readonly ActorKind[] Submitters = [ActorKind.Channel, ActorKind.Agent, ActorKind.Admin, ActorKind.Partner];

    /// <summary>Creates the case (Submit) and routes it (Route or Triage): two history entries.</summary>
    public CaseOutcome Submit(CaseState state, string caseId, SubmitCase command, RoutingDecision decision, DateTimeOffset now)
    {
        if (decision.DepartmentId is not null && city.FindDepartment(decision.DepartmentId) is null)
            throw new InvalidOperationException($"Routing chose unknown department '{decision.DepartmentId}'.");
        Create(state, caseId, command, now);
        state.RuleId = decision.RuleId;
        state.RulesVersion = decision.RulesVersion;

        if (decision.DepartmentId is null)
        {
            var triage = Append(state, now, Actor.System, CaseAction.Triage, CaseStatus.Triage, null, "no routing rule matched", null);
            return new CaseOutcome(triage, [Notice(state, DispatcherNames.TriageTarget, triage, DepartmentNoticeKind.Assigned, false)]);
        }
        var notices = new List<PendingNotice>();
        var routed = Assign(state, now, Actor.System, CaseAction.Route, decision.DepartmentId, $"rule {decision.RuleId} (rules v{decision.RulesVersion})", null, DepartmentNoticeKind.Assigned, notices);
        return new CaseOutcome(routed, notices);
    }

    /// <summary>A consultation answered at intake (R2): Submit, then closed at first contact; never dispatched.</summary>
    public CaseOutcome SubmitAnswered(CaseState state, string caseId, SubmitCase command, KnowledgeEntry entry, DateTimeOffset now)
    {
        if (command.Actor.Kind is not (ActorKind.Agent or ActorKind.Admin))
            throw new ForbiddenActionException("Only a call-taker closes a consultation at first contact.");
        Create(state, caseId, command, now);
        state.FirstContactEntry = entry.Id;
        var note = $"answered with knowledge entry {entry.Id} ({entry.Title}){(command.FirstContact?.Note is { Length: > 0 } n ? ": " + n : "")}";
        return new CaseOutcome(Append(state, now, command.Actor, CaseAction.AnswerAtFirstContact, CaseStatus.ClosedAtFirstContact, null, note, null), []);
    }

    /// <summary>A case whose category or area belongs to a partner hotline (互联互通): handed over, its outcome awaited.</summary>
    public CaseOutcome SubmitTransferred(CaseState state, string caseId, SubmitCase command, Dispatcher.Abstractions.Hotlines.HotlineLine partner, DateTimeOffset now)
    {
        Create(state, caseId, command, now);
        state.PartnerLineId = partner.Id;
        var entry = Append(state, now, Actor.System, CaseAction.TransferOut, CaseStatus.TransferredOut, null,
            $"transferred to partner line {partner.Name} ({partner.Number})", null);
        return new CaseOutcome(entry, [Notice(state, DispatcherNames.PartnerTargetPrefix + partner.Id, entry, DepartmentNoticeKind.Assigned, false)]);
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

    /// <summary>A further report of an open case (并单): recorded, linked, not dispatched again.</summary>
    public CaseOutcome SubmitMerged(CaseState state, string caseId, SubmitCase command, string primaryCaseId, DateTimeOffset now)
    {
        Create(state, caseId, command, now);
        state.MergedInto = primaryCaseId;
        return new CaseOutcome(Append(state, now, Actor.System, CaseAction.Merge, CaseStatus.Merged, null, $"same incident as open case {primaryCaseId}: joined it as a reporter", null), []);
    }

    /// <summary>Another reporter joins this open case; false (nothing changes) when it no longer takes reporters.</summary>
    public CaseOutcome? AddReporter(CaseState state, Reporter reporter, DateTimeOffset now)
    {
        if (!state.TakesReporters) return null;
        if (state.Reporters.Any(r => r.CaseId == reporter.CaseId)) return new CaseOutcome(state.History[^1], [], Repeated: true);
        state.Reporters.Add(reporter);
        var entry = Append(state, now, Actor.System, CaseAction.Merge, state.Status, state.DepartmentId,
            $"reporter {state.Reporters.Count + 1} joined (case {reporter.CaseId} via {reporter.Channel})", null);
        return new CaseOutcome(entry, []);
    }

    private void Create(CaseState state, string caseId, SubmitCase command, DateTimeOffset now)
    {
        if (state.Exists) throw new InvalidOperationException("The case already exists.");
        if (!Submitters.Contains(command.Actor.Kind))
            throw new ForbiddenActionException($"A {command.Actor.Kind} may not submit cases.");
        var errors = IntakeValidator.Validate(command.Intake, city);
        if (errors.Count > 0) throw new ValidationException(errors);
        state.Id = caseId;
        state.Intake = command.Intake with { Attributes = command.Intake.Attributes ?? [], Citizen = command.Intake.Citizen ?? new(null, null) };
        state.CreatedAt = now;
        if (command.Actor.Kind == ActorKind.Agent) state.TakenByAgent = command.Actor.Id;
        Append(state, now, command.Actor, CaseAction.Submit, CaseStatus.Received, null, $"via {command.Intake.Channel}", null);
    }

    /// <summary>Applies a department or agent command; repeats of a request id return the first result.</summary>
    public CaseOutcome Apply(CaseState state, CaseAction action, Actor actor, string requestId, string? text, DateTimeOffset now, string? targetDepartment = null)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;

        Authorize(state, action, actor);
        if (!AllowedFrom.TryGetValue(action, out var from) || !from.Contains(state.Status))
            throw new IllegalTransitionException(state.Id, state.Status, action);
        RequireText(action, text);

        var notices = new List<PendingNotice>();
        var entry = action switch
        {
            CaseAction.Acknowledge => Step(state, now, actor, action, CaseStatus.Acknowledged, text, requestId, DepartmentNoticeKind.Acknowledged, FirstTime(ref state.AcknowledgeCounted), notices, DeadlineStep.Acknowledge),
            CaseAction.Start => Step(state, now, actor, action, CaseStatus.InProgress, text, requestId, DepartmentNoticeKind.Started, true, notices),
            CaseAction.Reply => Step(state, now, actor, action, CaseStatus.Replied, text, requestId, DepartmentNoticeKind.Replied, FirstTime(ref state.ReplyCounted), notices, DeadlineStep.Reply),
            CaseAction.Resolve => Step(state, now, actor, action, CaseStatus.Resolved, text, requestId, DepartmentNoticeKind.Resolved, true, notices, DeadlineStep.Resolve),
            CaseAction.Return => Return(state, now, actor, text!, requestId, notices),
            CaseAction.Dispatch => Dispatch(state, now, actor, targetDepartment, text!, requestId, notices),
            CaseAction.Close => Close(state, now, actor, text, requestId),
            CaseAction.Reopen => Reopen(state, now, actor, text!, requestId, notices),
            _ => throw new IllegalTransitionException(state.Id, state.Status, action),
        };
        return new CaseOutcome(entry, notices);
    }

    /// <summary>The first result of a request id seen before (the command is then a no-op); null for a new one.</summary>
    private static CaseOutcome? Earlier(CaseState state, string requestId)
    {
        if (!state.Exists) throw new CaseNotFoundException(state.Id);
        if (string.IsNullOrWhiteSpace(requestId)) throw ValidationException.For("requestId", "Required.");
        return state.History.FindLast(h => h.RequestId == requestId) is { } earlier ? new CaseOutcome(earlier, [], Repeated: true) : null;
    }

    /// <summary>True the first time a step happens in the current assignment.</summary>
    private static bool FirstTime(ref bool counted)
    {
        if (counted) return false;
        counted = true;
        return true;
    }

    private void Authorize(CaseState state, CaseAction action, Actor actor)
    {
        if (!AllowedActors.TryGetValue(action, out var kinds) || !kinds.Contains(actor.Kind))
            throw new ForbiddenActionException($"A {actor.Kind} may not {action.ToString().ToLowerInvariant()} a case.");
        // A department key acts only on its own cases; one without a department never matches an unassigned case.
        if (actor.Kind == ActorKind.Department && (actor.DepartmentId is null || actor.DepartmentId != state.DepartmentId))
            throw new ForbiddenActionException($"Case {state.Id} is not assigned to department '{actor.DepartmentId}'.");
    }

    private static void RequireText(CaseAction action, string? text)
    {
        var field = action switch
        {
            CaseAction.Reply or CaseAction.Resolve => "text",
            CaseAction.Return or CaseAction.Dispatch or CaseAction.Reopen => "reason",
            _ => null,
        };
        if (field is not null && string.IsNullOrWhiteSpace(text)) throw ValidationException.For(field, "Required.");
        if (text is not null && text.Length > IntakeValidator.MaxDescription)
            throw ValidationException.For(field ?? "note", $"At most {IntakeValidator.MaxDescription} characters.");
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
        notices.Add(Notice(state, department, entry, toArbitration ? DepartmentNoticeKind.SentToArbitration : DepartmentNoticeKind.Returned, true));
        state.DepartmentId = null;
        DeadlineEngine.Disarm(state);
        return entry;
    }

    private HistoryEntry Dispatch(CaseState state, DateTimeOffset now, Actor actor, string? target, string reason, string requestId, List<PendingNotice> notices)
    {
        if (string.IsNullOrWhiteSpace(target)) throw ValidationException.For("departmentId", "Required.");
        if (city.FindDepartment(target) is null) throw ValidationException.For("departmentId", $"Unknown department '{target}'.");
        var isOverride = state.Status is CaseStatus.Dispatched or CaseStatus.Acknowledged;
        if (isOverride && target == state.DepartmentId)
            throw ValidationException.For("departmentId", $"The case is already with '{target}'.");
        var previous = (Department: state.DepartmentId, state.AssignedAt, state.Overdue);
        var fromTriage = state.Status == CaseStatus.Triage;

        var ruling = state.Status == CaseStatus.Arbitration;
        if (ruling) state.ArbitrationBinding = true;
        state.RuleId = null;
        var entry = Assign(state, now, actor, CaseAction.Dispatch, target, ruling ? $"arbitration ruling: {reason}" : reason, requestId,
            ruling ? DepartmentNoticeKind.ArbitrationRuling : DepartmentNoticeKind.Assigned, notices);
        if (isOverride)
        {
            // The department that lost the case hears of it, counted in the cohort of its own assignment.
            var withdrawn = Notice(state, previous.Department!, entry, DepartmentNoticeKind.Withdrawn, true);
            notices.Add(withdrawn with { Notice = withdrawn.Notice with { AssignedAt = previous.AssignedAt, WasOverdue = previous.Overdue } });
        }
        if (fromTriage) notices.Add(Notice(state, DispatcherNames.TriageTarget, entry, DepartmentNoticeKind.Withdrawn, false));
        return entry;
    }

    private HistoryEntry Reopen(CaseState state, DateTimeOffset now, Actor actor, string reason, string requestId, List<PendingNotice> notices)
    {
        state.Reopens++;
        var entry = Step(state, now, actor, CaseAction.Reopen, CaseStatus.Reopened, reason, requestId, DepartmentNoticeKind.Reopened, true, notices);
        deadlines?.Arm(state, now);
        return entry;
    }

    private HistoryEntry Close(CaseState state, DateTimeOffset now, Actor actor, string? note, string requestId)
    {
        DeadlineEngine.Disarm(state);
        return Append(state, now, actor, CaseAction.Close, CaseStatus.Closed, state.DepartmentId, note, requestId);
    }

    /// <summary>
    /// The callback (回访, R6): satisfied or basically satisfied closes the case; unsatisfied reopens
    /// it to the same department with fresh deadlines.
    /// </summary>
    public CaseOutcome Callback(CaseState state, Actor actor, string requestId, Satisfaction satisfaction, string? note, DateTimeOffset now)
    {
        if (Earlier(state, requestId) is { } repeated) return repeated;
        Authorize(state, CaseAction.Callback, actor);
        if (state.Status != CaseStatus.Resolved) throw new IllegalTransitionException(state.Id, state.Status, CaseAction.Callback);
        if (!Enum.IsDefined(satisfaction)) throw ValidationException.For("satisfaction", "Use satisfied, basicallySatisfied or unsatisfied.");
        RequireText(CaseAction.Callback, note);

        var notices = new List<PendingNotice>();
        state.LastSatisfaction = satisfaction;
        var text = string.IsNullOrWhiteSpace(note) ? satisfaction.ToString() : $"{satisfaction}: {note}";
        // 并单: every reporter of the incident is part of the callback.
        if (state.Reporters.Count > 0)
            text += $" (with {state.Reporters.Count} further reporter(s): {string.Join(", ", state.Reporters.Select(r => r.CaseId))})";
        var unsatisfied = satisfaction == Satisfaction.Unsatisfied;
        var entry = Append(state, now, actor, CaseAction.Callback, unsatisfied ? CaseStatus.Resolved : CaseStatus.Closed, state.DepartmentId, text, requestId);
        var callback = Notice(state, state.DepartmentId!, entry, DepartmentNoticeKind.CallbackRecorded, true);
        notices.Add(callback with { Notice = callback.Notice with { Satisfaction = satisfaction } });
        if (!unsatisfied)
        {
            DeadlineEngine.Disarm(state);
            return new CaseOutcome(entry, notices);
        }
        return new CaseOutcome(Reopen(state, now, actor, $"citizen unsatisfied at callback{(note is null ? "" : ": " + note)}", requestId, notices), notices);
    }

    /// <summary>
    /// Fires every deadline event due by <paramref name="now"/> (warnings, breaches, supervision,
    /// escalation), each exactly once and in time order; null when nothing is due.
    /// </summary>
    public CaseOutcome? Tick(CaseState state, DateTimeOffset now)
    {
        if (deadlines is null || !state.Exists || state.DepartmentId is null) return null;
        var notices = new List<PendingNotice>();
        HistoryEntry? last = null;
        for (var guard = 0; guard < 64; guard++)
        {
            var next = deadlines.Due(state, now).FirstOrDefault();
            var escalation = deadlines.EscalationDue(state, now);
            if (escalation is not null && (next is null || escalation.At <= next.At)) next = escalation;
            if (next is null) break;

            if (next.Action == CaseAction.Escalate)
            {
                state.Escalated = true;
                last = Append(state, next.At, Actor.System, CaseAction.Escalate, state.Status, state.DepartmentId, next.Note, null);
                notices.Add(Notice(state, state.DepartmentId, last, DepartmentNoticeKind.Escalated, true));
                notices.Add(Notice(state, DispatcherNames.DisciplineTarget, last, DepartmentNoticeKind.Escalated, true));
                continue;
            }
            var firstBreach = next.Action == CaseAction.Overdue && !state.Overdue;
            var supervision = deadlines.MarkFired(state, next);
            last = Append(state, next.At, Actor.System, next.Action, state.Status, state.DepartmentId, next.Note, null);
            notices.Add(Notice(state, state.DepartmentId, last,
                next.Action == CaseAction.Overdue ? DepartmentNoticeKind.Overdue : DepartmentNoticeKind.DeadlineWarning,
                next.Action == CaseAction.Overdue && firstBreach));
            if (supervision is not null)
            {
                last = Append(state, supervision.At, Actor.System, CaseAction.Supervise, state.Status, state.DepartmentId, supervision.Note, null);
                notices.Add(Notice(state, state.DepartmentId, last, DepartmentNoticeKind.Supervised, true));
            }
        }
        return last is null ? null : new CaseOutcome(last, notices);
    }

    private HistoryEntry Assign(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, string department, string? note,
        string? requestId, DepartmentNoticeKind kind, List<PendingNotice> notices)
    {
        state.DepartmentId = department;
        state.AssignedAt = now;
        state.AcknowledgeCounted = false;
        state.ReplyCounted = false;
        deadlines?.Arm(state, now);
        var entry = Append(state, now, actor, action, CaseStatus.Dispatched, department, note, requestId);
        notices.Add(Notice(state, department, entry, kind, true));
        return entry;
    }

    private HistoryEntry Step(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, CaseStatus to, string? note,
        string requestId, DepartmentNoticeKind kind, bool counts, List<PendingNotice> notices, DeadlineStep? completes = null)
    {
        var onTime = completes is not { } step || DeadlineEngine.Complete(state, step, now);
        var entry = Append(state, now, actor, action, to, state.DepartmentId, note, requestId);
        var notice = Notice(state, state.DepartmentId!, entry, kind, counts);
        notices.Add(notice with { Notice = notice.Notice with { OnTime = onTime } });
        return entry;
    }

    private static HistoryEntry Append(CaseState state, DateTimeOffset now, Actor actor, CaseAction action, CaseStatus to,
        string? department, string? note, string? requestId)
    {
        var from = state.History.Count == 0 ? CaseStatus.Received : state.Status;
        var entry = new HistoryEntry(state.LastSequence + 1, now, actor, action, from, to, department, note, requestId);
        state.History.Add(entry);
        state.Status = to;
        state.UpdatedAt = now;
        return entry;
    }

    private static PendingNotice Notice(CaseState state, string department, HistoryEntry entry, DepartmentNoticeKind kind, bool counts, string? note = null) =>
        new(department, new DepartmentNotice(state.Id, entry.Sequence, kind, entry.At, state.AssignedAt, entry.To,
            state.Intake!.Category, state.Intake.District, state.Intake.Priority, note ?? entry.Note, counts, WasOverdue: state.Overdue));
}
