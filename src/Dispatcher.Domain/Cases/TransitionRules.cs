using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Intake;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// Who may do what in which state (R4): the table every command is checked against, in one place
/// so that a screen can ask it which actions to offer.
/// </summary>
public static class TransitionRules
{
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
        [CaseAction.Claim] = [CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Replied, CaseStatus.Reopened],
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
        [CaseAction.Claim] = [ActorKind.Department],
    };

    /// <summary>Whether the action may be taken from the status at all (regardless of who asks).</summary>
    public static bool Allows(CaseAction action, CaseStatus from) => AllowedFrom.TryGetValue(action, out var states) && states.Contains(from);

    /// <summary>Refuses an actor who may not take the action on this case: the wrong kind, or a department the case is not with.</summary>
    public static void Authorize(CaseState state, CaseAction action, Actor actor)
    {
        if (!AllowedActors.TryGetValue(action, out var kinds) || !kinds.Contains(actor.Kind))
            throw new ForbiddenActionException($"A {actor.Kind} may not {action.ToString().ToLowerInvariant()} a case.");
        // A department key acts only on its own cases; one without a department never matches an unassigned case.
        if (actor.Kind == ActorKind.Department && (actor.DepartmentId is null || actor.DepartmentId != state.DepartmentId))
            throw new ForbiddenActionException($"Case {state.Id} is not assigned to department '{actor.DepartmentId}'.");
    }

    /// <summary>Replies and resolutions need a text, returns, dispatches and reopens a reason; no text is longer than a description.</summary>
    public static void RequireText(CaseAction action, string? text)
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
}
