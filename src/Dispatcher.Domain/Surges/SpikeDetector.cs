namespace Dispatcher.Domain.Surges;

/// <summary>
/// The intake counter of one category × district (surge mode): a ring of bucket counts covering
/// the window and the baseline before it. Recording is one array write; a reading sums the ring
/// (a few hundred integers with the defaults). Plain code, not thread-safe: its grain owns it.
/// </summary>
public sealed class SpikeDetector
{
    private readonly SpikeRule _rule;
    private readonly long[] _stamps;
    private readonly int[] _counts;

    public SpikeDetector(SpikeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Key} {p.Value}")), nameof(rule));
        _rule = rule;
        _stamps = new long[rule.WindowBuckets + rule.BaselineBuckets];
        Array.Fill(_stamps, -1);
        _counts = new int[_stamps.Length];
    }

    /// <summary>Counts one intake at <paramref name="at"/> and reads the counter as of then.</summary>
    public SpikeReading Record(DateTimeOffset at)
    {
        var bucket = BucketOf(at);
        var slot = Slot(bucket);
        if (_stamps[slot] != bucket)
        {
            // An intake older than the ring (a clock that stepped back) is not counted.
            if (_stamps[slot] > bucket) return Read(at);
            _stamps[slot] = bucket;
            _counts[slot] = 0;
        }
        _counts[slot]++;
        return Read(at);
    }

    /// <summary>
    /// Starts the counter from counts known elsewhere (the case index, when the counter starts after a
    /// restart or a quiet spell): <paramref name="baselineCount"/> intakes spread evenly over the
    /// baseline before the window, <paramref name="windowCount"/> over the window up to <paramref name="now"/>.
    /// Without it a busy pair would look quiet at first and spike at its minimum.
    /// </summary>
    public void Seed(DateTimeOffset now, long baselineCount, long windowCount)
    {
        var current = BucketOf(now);
        Spread(current - _rule.WindowBuckets - _rule.BaselineBuckets + 1, _rule.BaselineBuckets, baselineCount);
        Spread(current - _rule.WindowBuckets + 1, _rule.WindowBuckets, windowCount);
    }

    /// <summary>The counter as of <paramref name="now"/>, without counting anything.</summary>
    public SpikeReading Read(DateTimeOffset now)
    {
        var current = BucketOf(now);
        var window = Sum(current - _rule.WindowBuckets + 1, current);
        var baselineTotal = Sum(current - _rule.WindowBuckets - _rule.BaselineBuckets + 1, current - _rule.WindowBuckets);
        var baseline = baselineTotal / (double)(_rule.BaselineBuckets / _rule.WindowBuckets);
        return new SpikeReading(window, baseline, Math.Max(_rule.Minimum, _rule.Factor * baseline));
    }

    /// <summary>Intakes per minute for the last <paramref name="minutes"/> minutes up to <paramref name="now"/>, the newest minute last.</summary>
    public int[] PerMinute(DateTimeOffset now, int minutes)
    {
        var result = new int[Math.Max(0, minutes)];
        var end = now.UtcTicks;
        for (var i = 0; i < _stamps.Length; i++)
        {
            if (_stamps[i] < 0) continue;
            var start = _stamps[i] * _rule.Bucket.Ticks;
            if (start > end) continue;
            var minutesAgo = (end - start) / TimeSpan.TicksPerMinute;
            if (minutesAgo < result.Length) result[result.Length - 1 - minutesAgo] += _counts[i];
        }
        return result;
    }

    private long BucketOf(DateTimeOffset at) => at.UtcTicks / _rule.Bucket.Ticks;

    private void Spread(long first, int buckets, long count)
    {
        for (var i = 0; i < buckets; i++)
        {
            var bucket = first + i;
            if (bucket < 0) continue;
            var slot = Slot(bucket);
            _stamps[slot] = bucket;
            _counts[slot] = (int)Math.Min(int.MaxValue, count / buckets + (i < count % buckets ? 1 : 0));
        }
    }

    private int Slot(long bucket) => (int)(bucket % _stamps.Length);

    private int Sum(long from, long to)
    {
        var total = 0;
        for (var b = Math.Max(0, from); b <= to; b++)
        {
            var slot = Slot(b);
            if (_stamps[slot] == b) total += _counts[slot];
        }
        return total;
    }
}
