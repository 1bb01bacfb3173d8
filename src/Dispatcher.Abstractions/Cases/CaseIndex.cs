namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// One row of the case index (R13): what search filters on, kept current by the case grain. WakeAt is
/// the case's next deadline event (warning, breach, supervision end): the deadline scanner wakes
/// the cases whose time has come (ADR-012). ResolvedWithoutReply and SatisfiedWithoutAcknowledge are
/// the signs of a suspected fake closure (Dispatcher.Domain.Reports.FakeClosureRule), from the history.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-index-row")]
public sealed record CaseIndexRow(
    [Id(0)] string Id,
    [Id(1)] string Category,
    [Id(2)] string District,
    [Id(3)] string? DepartmentId,
    [Id(4)] CaseStatus Status,
    [Id(5)] CasePriority Priority,
    [Id(6)] string Channel,
    [Id(7)] DateTimeOffset CreatedAt,
    [Id(8)] DateTimeOffset UpdatedAt,
    [Id(9)] DateTimeOffset? DeadlineAt,
    [Id(10)] int Returns,
    [Id(11)] int Reopened,
    [Id(12)] long Version,
    [Id(13)] bool Overdue = false,
    [Id(14)] bool Escalated = false,
    [Id(15)] int StorageVersion = 0,
    [Id(16)] DateTimeOffset? WakeAt = null,
    [Id(17)] bool ResolvedWithoutReply = false,
    [Id(18)] bool SatisfiedWithoutAcknowledge = false,
    [Id(19)] string? ClaimedBy = null,
    [Id(20)] IReadOnlyList<string>? CoDepartments = null)
{
    /// <summary>
    /// Whether this row should replace <paramref name="existing"/>: it is newer, or it is the same
    /// version carrying a different wake time (a row stored before wake times existed, ADR-012).
    /// </summary>
    public bool Supersedes(CaseIndexRow existing) =>
        Version > existing.Version || StorageVersion > existing.StorageVersion
        || (Version == existing.Version && StorageVersion == existing.StorageVersion && WakeAt != existing.WakeAt);
}

/// <summary>
/// Search filters; null means "any". DepartmentIds limits the search to a set of departments (a
/// caller's scope; empty matches nothing). From/To bound the creation time (To exclusive). DifficultOnly is
/// the Domain's rule (Dispatcher.Domain.Reports.DifficultCaseRule): each index applies it, Matches does not.
/// Categories and Statuses limit to sets (empty matches nothing); UpdatedFrom/UpdatedTo bound the last
/// update time (UpdatedTo exclusive). With CoHandledInScope, DepartmentIds also match a case one of
/// them co-handles (ADR-027: search reads joint cases; reports stay the lead's); CoDepartmentId
/// limits to the cases a department co-handles. Pages are newest first, or oldest first with
/// OldestFirst (a queue: the triage queue is the cases in status Triage, ADR-039). EscalatedOnly
/// keeps the cases referred to discipline inspection in their current cycle (ADR-040).
/// </summary>
public sealed record CaseQuery(
    string? DepartmentId = null,
    CaseStatus? Status = null,
    string? Category = null,
    string? District = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50,
    bool DifficultOnly = false,
    bool OpenOverdueOnly = false,
    IReadOnlySet<string>? DepartmentIds = null,
    IReadOnlySet<string>? Categories = null,
    IReadOnlySet<CaseStatus>? Statuses = null,
    DateTimeOffset? UpdatedFrom = null,
    DateTimeOffset? UpdatedTo = null,
    string? CoDepartmentId = null,
    bool CoHandledInScope = false,
    bool OldestFirst = false,
    bool EscalatedOnly = false)
{
    /// <summary>What supervisors watch: still open here and past a deadline.</summary>
    public static bool IsOpenOverdue(CaseIndexRow r) => r.Overdue && r.Status is not (CaseStatus.Resolved or CaseStatus.Closed);

    public bool Matches(CaseIndexRow r) =>
        (DepartmentId is null || r.DepartmentId == DepartmentId) &&
        (DepartmentIds is null || (r.DepartmentId is not null && DepartmentIds.Contains(r.DepartmentId)) || (CoHandledInScope && (r.CoDepartments?.Any(DepartmentIds.Contains) ?? false))) &&
        (CoDepartmentId is null || (r.CoDepartments?.Contains(CoDepartmentId) ?? false)) &&
        (Status is null || r.Status == Status) &&
        (Category is null || r.Category == Category) &&
        (District is null || r.District == District) &&
        (From is null || r.CreatedAt >= From) &&
        (To is null || r.CreatedAt < To) &&
        (Categories is null || Categories.Contains(r.Category)) &&
        (Statuses is null || Statuses.Contains(r.Status)) &&
        (UpdatedFrom is null || r.UpdatedAt >= UpdatedFrom) &&
        (UpdatedTo is null || r.UpdatedAt < UpdatedTo) &&
        (!OpenOverdueOnly || IsOpenOverdue(r)) &&
        (!EscalatedOnly || r.Escalated);
}

public sealed record CasePage(IReadOnlyList<CaseIndexRow> Items, long Total, int Page, int PageSize);
