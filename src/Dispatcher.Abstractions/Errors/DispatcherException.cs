using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Abstractions.Errors;

/// <summary>Base of every domain error that crosses a grain boundary; the HTTP layer maps each to problem details.</summary>
[GenerateSerializer, Alias("dispatcher.error")]
public abstract class DispatcherException(string message) : Exception(message);

/// <summary>The command is not allowed in the case's current state.</summary>
[GenerateSerializer, Alias("dispatcher.illegal-transition")]
public sealed class IllegalTransitionException(string caseId, CaseStatus current, CaseAction action, string? reason = null)
    : DispatcherException($"Case {caseId} is {current}: '{action}' is not allowed{(reason is null ? "" : " — " + reason)}.")
{
    [Id(0)] public string CaseId { get; private set; } = caseId;
    [Id(1)] public CaseStatus Current { get; private set; } = current;
    [Id(2)] public CaseAction Action { get; private set; } = action;
}

[GenerateSerializer, Alias("dispatcher.case-not-found")]
public sealed class CaseNotFoundException(string caseId) : DispatcherException($"No case has tracking number '{caseId}'.")
{
    [Id(0)] public string CaseId { get; private set; } = caseId;
}

/// <summary>The actor may not act on this case (another department's case, or the wrong role).</summary>
[GenerateSerializer, Alias("dispatcher.forbidden")]
public sealed class ForbiddenActionException(string message) : DispatcherException(message);

/// <summary>A write conflicted with a newer version (e.g. rules edited by someone else).</summary>
[GenerateSerializer, Alias("dispatcher.conflict")]
public sealed class ConflictException(string message) : DispatcherException(message);

/// <summary>Field-level validation errors; nothing was stored.</summary>
[GenerateSerializer, Alias("dispatcher.validation")]
public sealed class ValidationException(Dictionary<string, string[]> errors)
    : DispatcherException("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    [Id(0)] public Dictionary<string, string[]> Errors { get; private set; } = errors;

    public static ValidationException For(string field, string message) => new(new() { [field] = [message] });
}

/// <summary>Something other than a case (a department, an agent) does not exist.</summary>
[GenerateSerializer, Alias("dispatcher.not-found")]
public sealed class NotFoundException(string message) : DispatcherException(message);

/// <summary>
/// This silo already has as many intakes in progress as it may hold (see Dispatcher:MaxIntakesInFlight):
/// the intake was refused before anything was stored; retry after <see cref="RetryAfterSeconds"/>.
/// </summary>
[GenerateSerializer, Alias("dispatcher.overloaded")]
public sealed class OverloadedException(string message, int retryAfterSeconds) : DispatcherException(message)
{
    [Id(0)] public int RetryAfterSeconds { get; private set; } = retryAfterSeconds;
}
