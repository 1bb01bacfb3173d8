using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Reports;

/// <summary>One department's year in the annual assessment: its totals and its twelve months.</summary>
public sealed record AnnualLine(string DepartmentId, string DepartmentName, DepartmentStats Totals, IReadOnlyList<DepartmentStats> Months);
