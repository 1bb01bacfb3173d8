using System.Diagnostics;
using HdrHistogram;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>The latency histograms of the suite: microseconds, from 1 µs to one hour, 3 significant digits.</summary>
public static class Histograms
{
    public const long HighestMicroseconds = 3_600_000_000; // one hour
    public static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;

    public static LongConcurrentHistogram New() => new(1, HighestMicroseconds, 3);
}
