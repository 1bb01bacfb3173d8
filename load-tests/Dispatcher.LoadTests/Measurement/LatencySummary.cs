using HdrHistogram;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>Latency summary in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary From(HistogramBase h)
    {
        // A straggler may still record while we read (after a drain timeout): retry on a torn read.
        for (var attempt = 0; ; attempt++)
        {
            try { return Read(h); }
            catch (InvalidOperationException) when (attempt < 5) { Thread.Sleep(10); }
        }
    }

    private static LatencySummary Read(HistogramBase h)
    {
        if (h.TotalCount == 0) return new(0, 0, 0, 0, 0, 0, 0);
        static double Ms(long us) => Math.Round(us / 1000.0, 3);
        return new(h.TotalCount, Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(90)), Ms(h.GetValueAtPercentile(99)),
            Ms(h.GetValueAtPercentile(99.9)), Ms(h.GetValueAtPercentile(100)), Math.Round(h.GetMean() / 1000.0, 3));
    }
}
