using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Domain.Cases;

/// <summary>Creating a case from an intake the <see cref="IntakePlanner"/> accepted, along the path it chose.</summary>
public sealed partial class CaseWorkflow
{
    /// <summary>
    /// Creates the case (Submit) and routes it (Route or Triage): two history entries. A triaged case
    /// notifies nobody: the triage queue is the case index's cases in status Triage (ADR-039).
    /// </summary>
    public CaseOutcome Submit(CaseState state, string caseId, AcceptedIntake accepted, RoutingDecision decision, DateTimeOffset now)
    {
        if (decision.DepartmentId is not null && city.FindDepartment(decision.DepartmentId) is null)
            throw new InvalidOperationException($"Routing chose unknown department '{decision.DepartmentId}'.");
        Create(state, caseId, accepted, now);
        state.RuleId = decision.RuleId;
        state.RulesVersion = decision.RulesVersion;

        if (decision.DepartmentId is null)
        {
            var triage = Append(state, now, Actor.System, CaseAction.Triage, CaseStatus.Triage, null, "no routing rule matched", null);
            return new CaseOutcome(triage, []);
        }
        var notices = new List<PendingNotice>();
        var routed = Assign(state, now, Actor.System, CaseAction.Route, decision.DepartmentId, $"rule {decision.RuleId} (rules v{decision.RulesVersion})", null, DepartmentNoticeKind.Assigned, notices);
        // A rule that names co-departments starts a joint case (ADR-027).
        if (decision.CoDepartments is { Count: > 0 } co) SetCoParts(state, now, Actor.System, JointCaseRules.Usable(co, decision.DepartmentId, city), notices);
        return new CaseOutcome(routed, notices);
    }

    /// <summary>A consultation answered at intake (R2): Submit, then closed at first contact; never dispatched.</summary>
    public CaseOutcome SubmitAnswered(CaseState state, string caseId, AcceptedIntake accepted, IntakePath.AnswerAtFirstContact answer, DateTimeOffset now)
    {
        Create(state, caseId, accepted, now);
        state.FirstContactEntry = answer.Entry.Id;
        var note = $"answered with knowledge entry {answer.Entry.Id} ({answer.Entry.Title}){(answer.Note is { Length: > 0 } n ? ": " + n : "")}";
        return new CaseOutcome(Append(state, now, accepted.Actor, CaseAction.AnswerAtFirstContact, CaseStatus.ClosedAtFirstContact, null, note, null), []);
    }

    /// <summary>A case whose category or area belongs to a partner hotline (互联互通): handed over, its outcome awaited.</summary>
    public CaseOutcome SubmitTransferred(CaseState state, string caseId, AcceptedIntake accepted, HotlineLine partner, DateTimeOffset now)
    {
        Create(state, caseId, accepted, now);
        state.PartnerLineId = partner.Id;
        var entry = Append(state, now, Actor.System, CaseAction.TransferOut, CaseStatus.TransferredOut, null,
            $"transferred to partner line {partner.Name} ({partner.Number})", null);
        return new CaseOutcome(entry, [Notice(state, NoticeTarget.PartnerLine(partner.Id), entry, DepartmentNoticeKind.Assigned, false)]);
    }

    /// <summary>A further report of an open case (并单): recorded, linked, not dispatched again.</summary>
    public CaseOutcome SubmitMerged(CaseState state, string caseId, AcceptedIntake accepted, string primaryCaseId, DateTimeOffset now)
    {
        Create(state, caseId, accepted, now);
        state.MergedInto = primaryCaseId;
        return new CaseOutcome(Append(state, now, Actor.System, CaseAction.Merge, CaseStatus.Merged, null, $"same incident as open case {primaryCaseId}: joined it as a reporter", null), []);
    }

    /// <summary>Another reporter joins this open case; null (nothing changes) when it no longer takes reporters.</summary>
    public CaseOutcome? AddReporter(CaseState state, Reporter reporter, DateTimeOffset now)
    {
        if (!state.TakesReporters) return null;
        if (state.Reporters.Any(r => r.CaseId == reporter.CaseId)) return new CaseOutcome(state.History[^1], [], Repeated: true);
        state.Reporters.Add(reporter);
        var entry = Append(state, now, Actor.System, CaseAction.Merge, state.Status, state.DepartmentId,
            $"reporter {state.Reporters.Count + 1} joined (case {reporter.CaseId} via {reporter.Channel})", null);
        return new CaseOutcome(entry, []);
    }

    private static void Create(CaseState state, string caseId, AcceptedIntake accepted, DateTimeOffset now)
    {
        if (state.Exists) throw new InvalidOperationException("The case already exists.");
        state.Id = caseId;
        state.Intake = accepted.Intake;
        state.CreatedAt = now;
        if (accepted.Actor.Kind == ActorKind.Agent) state.TakenByAgent = accepted.Actor.Id;
        Append(state, now, accepted.Actor, CaseAction.Submit, CaseStatus.Received, null, $"via {accepted.Intake.Channel}", null);
    }
}
