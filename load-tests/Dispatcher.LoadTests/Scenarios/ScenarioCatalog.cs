using Dispatcher.LoadTests.Suite;

namespace Dispatcher.LoadTests.Scenarios;

/// <summary>Every scenario, in the order a suite run takes them.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<LoadScenario> All { get; } =
    [
        new BaselinesScenario(),
        new EmbeddedIntakeScenario(),
        new OpenCasesScenario(),
        new SurgeScenario(),
        new PostgresIntakeScenario(),
        new ConventionalPeerScenario(),
        new TwoSilosScenario(),
        new DeadlineStormScenario(),
    ];

    /// <summary>Those <c>--scenarios</c> names (all by default).</summary>
    public static IReadOnlyList<LoadScenario> Selected(LoadOptions o) => All.Where(s => o.Has(s.Name)).ToList();
}
