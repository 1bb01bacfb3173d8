namespace Dispatcher.LoadTests.Measurement;

/// <summary>A segment of an open-loop arrival schedule.</summary>
public sealed record RateSegment(string Phase, TimeSpan Duration, double Rate);
