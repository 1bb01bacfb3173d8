namespace Dispatcher.Domain.Reports;

/// <summary>The quarterly difficult-case list (R8).</summary>
public sealed record QuarterlyReview(string Quarter, DateTimeOffset GeneratedAt, IReadOnlyList<DifficultCase> Cases);
