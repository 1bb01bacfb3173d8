namespace Dispatcher.Abstractions.Departments;

/// <summary>
/// Published on the department's stream (namespace "department", key = department id).
/// A notification, not the truth: a department system reconciles against its inbox. Role tells a
/// co-assignment and the steps of a co-part (ADR-027) from the department's own lead cases.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.department-event")]
public sealed record DepartmentEvent(
    [Id(0)] string DepartmentId,
    [Id(1)] string CaseId,
    [Id(2)] long Sequence,
    [Id(3)] DepartmentNoticeKind Kind,
    [Id(4)] DateTimeOffset At,
    [Id(5)] string Category,
    [Id(6)] string District,
    [Id(7)] string? Note,
    [Id(8)] CaseRole Role = CaseRole.Lead);
