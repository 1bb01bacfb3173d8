namespace Dispatcher.Domain.Reports;

/// <summary>The annual assessment export (R8).</summary>
public sealed record AnnualAssessment(int Year, DateTimeOffset GeneratedAt, IReadOnlyList<AnnualLine> Departments);
