namespace Dispatcher.Domain.Surges;

/// <summary>
/// When intakes of one category × district are a spike: the count of the last <see cref="Window"/>
/// (counted in <see cref="Bucket"/>s) is at least max(<see cref="Minimum"/>, <see cref="Factor"/> ×
/// the pair's own average per window over the <see cref="Baseline"/> before it).
/// </summary>
public sealed record SpikeRule(TimeSpan Window, TimeSpan Bucket, TimeSpan Baseline, int Minimum, double Factor)
{
    /// <summary>The documented defaults: 2 minutes in 10 s buckets against the hour before, at least 30 and 5 × the baseline.</summary>
    public static readonly SpikeRule Default = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), 30, 5);

    /// <summary>At most this many buckets are kept per pair (window + baseline), so a pair's counter stays a few KB.</summary>
    public const int MaxBuckets = 10_000;

    public int WindowBuckets => (int)(Window.Ticks / Bucket.Ticks);
    public int BaselineBuckets => (int)(Baseline.Ticks / Bucket.Ticks);

    /// <summary>What is wrong with the rule, by setting name; empty when it is usable.</summary>
    public Dictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (Bucket < TimeSpan.FromSeconds(1) || Bucket > TimeSpan.FromHours(1)) problems[nameof(Bucket)] = "must be between 00:00:01 and 01:00:00";
        else
        {
            if (Window < Bucket || Window.Ticks % Bucket.Ticks != 0) problems[nameof(Window)] = "must be a whole number of buckets (at least one)";
            if (Baseline < Window || Baseline.Ticks % Window.Ticks != 0) problems[nameof(Baseline)] = "must be a whole number of windows (at least one)";
            else if (Window >= Bucket && (Window + Baseline).Ticks / Bucket.Ticks > MaxBuckets)
                problems[nameof(Baseline)] = $"window + baseline may hold at most {MaxBuckets} buckets";
        }
        if (Minimum is < 1 or > 1_000_000) problems[nameof(Minimum)] = "must be between 1 and 1000000";
        if (!double.IsFinite(Factor) || Factor is < 1 or > 1000) problems[nameof(Factor)] = "must be between 1 and 1000";
        return problems;
    }
}

/// <summary>One look at a pair's counter: the window's count against its threshold.</summary>
/// <param name="WindowCount">Intakes in the last window, this one included.</param>
/// <param name="Baseline">The pair's average intakes per window over the baseline before the window.</param>
/// <param name="Threshold">max(minimum, factor × baseline).</param>
public sealed record SpikeReading(int WindowCount, double Baseline, double Threshold)
{
    public bool IsSpike => WindowCount >= Threshold;
}
