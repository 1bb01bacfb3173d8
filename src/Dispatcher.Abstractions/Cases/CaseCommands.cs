namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// A command on an existing case. <see cref="RequestId"/> makes it idempotent: repeating a
/// request id returns the first result and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-command")]
public sealed record CaseCommand(string RequestId, Actor Actor, string? Text = null);

/// <summary>Dispatch to a department: triage, override, re-dispatch after a return, or arbitration ruling.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.dispatch-command")]
public sealed record DispatchCommand(string RequestId, Actor Actor, string DepartmentId, string Reason);

/// <summary>The outcome of a command: the history entry it produced (or produced the first time).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.transition-result")]
public sealed record TransitionResult(
    string CaseId,
    long Sequence,
    CaseAction Action,
    CaseStatus From,
    CaseStatus To,
    DateTimeOffset At,
    string? DepartmentId);

/// <summary>The callback to the citizen (回访) with their satisfaction.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.callback-command")]
public sealed record CallbackCommand(string RequestId, Actor Actor, Satisfaction Satisfaction, string? Note);

/// <summary>A partner hotline's outcome for a case transferred to it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.partner-outcome")]
public sealed record PartnerOutcomeCommand(string RequestId, Actor Actor, bool Resolved, string Note);
