using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Reports;

/// <summary>One department's line in the monthly bulletin (通报).</summary>
public sealed record BulletinLine(int? Rank, string DepartmentId, string DepartmentName, double? Score, DepartmentStats Stats, string Verdict);
