using System.Diagnostics;
using HdrHistogram;

namespace Dispatcher.LoadTests.Measurement;

/// <summary>Per-second latency buckets (for the progress line and for recovery after a surge).</summary>
public sealed class SecondBuckets(int seconds)
{
    private readonly LongConcurrentHistogram[] _b = Enumerable.Range(0, Math.Max(1, seconds)).Select(_ => Histograms.New()).ToArray();

    public void Record(long ticksSinceMeasureStart, long us)
    {
        var s = (int)(ticksSinceMeasureStart / Stopwatch.Frequency);
        if (s < 0 || s >= _b.Length) return;
        _b[s].RecordValue(Math.Min(us, Histograms.HighestMicroseconds));
    }

    public double P99Of(int fromSecond, int toSecondExclusive)
    {
        var h = Histograms.New();
        for (var s = Math.Max(0, fromSecond); s < Math.Min(_b.Length, toSecondExclusive); s++) h.Add(_b[s]);
        return h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(99) / 1000.0;
    }

    public List<double> P99s() => _b.Select(h => h.TotalCount == 0 ? -1 : Math.Round(h.GetValueAtPercentile(99) / 1000.0, 2)).ToList();
}
