using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Reports;

/// <summary>
/// The quarterly review's difficult case (R8): overdue, returned twice or more, reopened, escalated
/// to discipline inspection, or a suspected fake closure (<see cref="FakeClosureRule"/>). The one
/// statement of the rule: the memory index filters with <see cref="IsDifficult"/>, PostgreSQL builds
/// its condition from the same thresholds and flags.
/// </summary>
public static class DifficultCaseRule
{
    /// <summary>Returns from which a case is difficult.</summary>
    public const int ReturnsAtLeast = 2;

    /// <summary>Reopenings from which a case is difficult.</summary>
    public const int ReopenedAtLeast = 1;

    public static bool IsDifficult(CaseIndexRow row) => ReasonsFor(row).Length > 0;

    /// <summary>Why the case is difficult, in the review's words; empty when it is not.</summary>
    public static string[] ReasonsFor(CaseIndexRow row) =>
        new[]
        {
            row.Overdue ? "overdue" : null,
            row.Returns >= ReturnsAtLeast ? $"returned {row.Returns}×" : null,
            row.Reopened >= ReopenedAtLeast ? "reopened" : null,
            row.Escalated ? "escalated" : null,
        }.OfType<string>().Concat(FakeClosureRule.ReasonsFor(row)).ToArray();
}
