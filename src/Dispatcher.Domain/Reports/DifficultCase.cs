using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Reports;

/// <summary>One case on the quarterly review, with the reasons it is difficult.</summary>
public sealed record DifficultCase(string CaseId, string Category, string District, string? DepartmentId, CaseStatus Status,
    DateTimeOffset CreatedAt, int Returns, int Reopened, bool Overdue, bool Escalated, string[] Reasons);
