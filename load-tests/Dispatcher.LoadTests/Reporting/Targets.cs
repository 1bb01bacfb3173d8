namespace Dispatcher.LoadTests.Reporting;

/// <summary>The targets of docs/performance.md that the report judges figures against.</summary>
public static class Targets
{
    public const double IntakeCasesPerSecond = 5000, IntakeRatio = 0.36;
    public const double PgIntakeCasesPerSecond = 2300, PgIntakeRatio = 0.29;
    public const double P99MemoryMs = 10, P99PgMs = 25, P999Ms = 100;
    public const double HeapPerCaseWithDeadlineKB = 5;
    public const double SurgeRecoverySeconds = 30;
    public const double StormLatenessP99Ms = 10_000, StormIntakeP99Ms = 25;
}
