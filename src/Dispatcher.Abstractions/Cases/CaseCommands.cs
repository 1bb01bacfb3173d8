namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// A command on an existing case. <see cref="RequestId"/> makes it idempotent: repeating a
/// request id returns the first result and changes nothing.
/// </summary>
/// <param name="Reason">With a resolve: why the lead resolves a joint case before every co-department replied (ADR-027).</param>
[GenerateSerializer, Immutable, Alias("dispatcher.case-command")]
public sealed record CaseCommand([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] string? Text = null, [Id(3)] string? Reason = null);

/// <summary>Dispatch to a department: triage, override, re-dispatch after a return, or arbitration ruling.</summary>
/// <param name="RecordAsRule">With an arbitration ruling: record it as a routing rule, so the next case like it goes straight there.</param>
/// <param name="CoDepartments">When set, the case's co-departments from now on (ADR-027); null keeps the current ones.</param>
[GenerateSerializer, Immutable, Alias("dispatcher.dispatch-command")]
public sealed record DispatchCommand([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] string DepartmentId, [Id(3)] string Reason, [Id(4)] bool RecordAsRule = false,
    [Id(5)] IReadOnlyList<string>? CoDepartments = null);

/// <summary>What a co-department does on its part of a joint case (ADR-027).</summary>
[GenerateSerializer, Alias("dispatcher.co-part-action")]
public enum CoPartAction { Acknowledge, Reply, Release }

/// <summary>A co-department's command on its part: acknowledge, reply (Text required) or ask release (Text = the reason, required).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.co-part-command")]
public sealed record CoPartCommand([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] string DepartmentId, [Id(3)] CoPartAction Action, [Id(4)] string? Text = null);

/// <summary>The outcome of a command: the history entry it produced (or produced the first time).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.transition-result")]
public sealed record TransitionResult(
    [Id(0)] string CaseId,
    [Id(1)] long Sequence,
    [Id(2)] CaseAction Action,
    [Id(3)] CaseStatus From,
    [Id(4)] CaseStatus To,
    [Id(5)] DateTimeOffset At,
    [Id(6)] string? DepartmentId);

/// <summary>The callback to the citizen (回访) with their satisfaction.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.callback-command")]
public sealed record CallbackCommand([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] Satisfaction Satisfaction, [Id(3)] string? Note);

/// <summary>A partner hotline's outcome for a case transferred to it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.partner-outcome")]
public sealed record PartnerOutcomeCommand([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] bool Resolved, [Id(3)] string Note);
