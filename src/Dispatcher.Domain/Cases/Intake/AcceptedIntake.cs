using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>
/// An intake the planner has checked and normalised (defaults filled in, a partner's own line set
/// as its origin). Only <see cref="IntakePlanner"/> makes one, so the workflow cannot be handed an
/// intake that skipped the rules.
/// </summary>
public sealed record AcceptedIntake
{
    internal AcceptedIntake(Actor actor, CaseIntake intake, DateTimeOffset? callStartedAt)
    {
        Actor = actor;
        Intake = intake;
        CallStartedAt = callStartedAt;
    }

    public Actor Actor { get; }
    public CaseIntake Intake { get; }
    public DateTimeOffset? CallStartedAt { get; }
}
