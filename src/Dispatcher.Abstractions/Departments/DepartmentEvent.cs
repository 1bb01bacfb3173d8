namespace Dispatcher.Abstractions.Departments;

/// <summary>
/// Published on the department's stream (namespace "department", key = department id).
/// A notification, not the truth: a department system reconciles against its inbox.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.department-event")]
public sealed record DepartmentEvent(
    string DepartmentId,
    string CaseId,
    long Sequence,
    DepartmentNoticeKind Kind,
    DateTimeOffset At,
    string Category,
    string District,
    string? Note);
