namespace Dispatcher.Tests.Shared;

/// <summary>
/// Addresses that never repeat within a test process, so two test reports of the same category are
/// never merged as duplicates (并单). A random house number collided often enough to fail a count:
/// 120 reports among a million numbers meet about once in 140 runs.
/// </summary>
public static class DistinctPlaces
{
    private static long _next = Random.Shared.Next(1, 1_000) * 1_000_000L;

    public static string Address(string road) => $"No. {Interlocked.Increment(ref _next)} {road}";
}
