using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Reports;

/// <summary>
/// One case on the quarterly review, with the reasons it is difficult; <see cref="SuspectedFakeClosure"/>
/// flags a suspected fake closure (虚假办结), and <see cref="FakeClosureReasons"/> says why.
/// </summary>
public sealed record DifficultCase(string CaseId, string Category, string District, string? DepartmentId, CaseStatus Status,
    DateTimeOffset CreatedAt, int Returns, int Reopened, bool Overdue, bool Escalated, string[] Reasons,
    bool SuspectedFakeClosure, string[] FakeClosureReasons);
