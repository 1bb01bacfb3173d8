using Dispatcher.Domain.Surges;

namespace Dispatcher.Domain.Tests.Surges;

/// <summary>The pair's surge counter: window, buckets, its own trailing baseline and the threshold.</summary>
public sealed class SpikeDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static SpikeReading Burst(SpikeDetector detector, DateTimeOffset from, int count, TimeSpan over)
    {
        SpikeReading last = null!;
        for (var i = 0; i < count; i++) last = detector.Record(from + over * i / count);
        return last;
    }

    [Fact]
    public void Thirty_reports_within_two_minutes_on_a_quiet_pair_are_a_spike_and_twenty_nine_are_not()
    {
        var detector = new SpikeDetector(SpikeRule.Default);
        var before = Burst(detector, T0, 29, TimeSpan.FromSeconds(100));
        Assert.False(before.IsSpike);
        Assert.Equal(29, before.WindowCount);
        Assert.Equal(0, before.Baseline);
        Assert.Equal(30, before.Threshold);
        var thirtieth = detector.Record(T0 + TimeSpan.FromSeconds(105));
        Assert.True(thirtieth.IsSpike);
        Assert.Equal(30, thirtieth.WindowCount);
    }

    [Fact]
    public void The_threshold_is_five_times_the_pairs_own_average_per_window_over_the_previous_hour()
    {
        var detector = new SpikeDetector(SpikeRule.Default);
        // 240 reports spread over the hour before: 8 per two-minute window on average.
        Burst(detector, T0, 240, TimeSpan.FromHours(1));
        // Read in the last bucket of a window right after that hour: the hour is exactly the baseline.
        var now = T0 + TimeSpan.FromMinutes(62) - TimeSpan.FromSeconds(5);
        var reading = detector.Read(now);
        Assert.Equal(0, reading.WindowCount);
        Assert.Equal(8, reading.Baseline, precision: 6);
        Assert.Equal(40, reading.Threshold, precision: 6);
        // 39 in the window are not a spike for this busy pair (they would be for a quiet one); the 40th is.
        Assert.False(Burst(detector, now, 39, TimeSpan.Zero).IsSpike);
        Assert.True(detector.Record(now).IsSpike);
    }

    [Fact]
    public void Steady_load_never_makes_a_spike_however_long_it_runs()
    {
        var detector = new SpikeDetector(SpikeRule.Default with { Minimum = 5 });
        // 20 a minute (40 a window) for three hours: the baseline rises with it, so the threshold is 200.
        var readings = Enumerable.Range(0, 3 * 60 * 20).Select(i => detector.Record(T0 + TimeSpan.FromSeconds(3) * i)).ToList();
        var afterFirstHour = readings.Skip(62 * 20).ToList();
        Assert.DoesNotContain(afterFirstHour, r => r.IsSpike);
        // One every 3 s: a window holds 40, a little less just after a new bucket starts.
        Assert.All(afterFirstHour, r => Assert.InRange(r.WindowCount, 36, 41));
        Assert.All(afterFirstHour, r => Assert.InRange(r.Baseline, 39, 41));
    }

    [Fact]
    public void The_window_slides_reports_older_than_two_minutes_leave_it_and_pass_into_the_baseline()
    {
        var detector = new SpikeDetector(SpikeRule.Default);
        Burst(detector, T0, 20, TimeSpan.FromSeconds(30));
        Assert.Equal(20, detector.Read(T0 + TimeSpan.FromSeconds(60)).WindowCount);
        var later = detector.Read(T0 + TimeSpan.FromMinutes(3));
        Assert.Equal(0, later.WindowCount);
        Assert.Equal(20 / 30.0, later.Baseline, precision: 6);
        // 20 more now do not add up with the first 20 to 30+: those have slid out of the window.
        Assert.False(Burst(detector, T0 + TimeSpan.FromMinutes(3), 20, TimeSpan.FromSeconds(30)).IsSpike);
        // After the baseline's hour too they are forgotten altogether.
        Assert.Equal(0, detector.Read(T0 + TimeSpan.FromMinutes(70)).Baseline);
    }

    [Fact]
    public void A_counter_seeded_with_a_busy_pairs_last_hour_does_not_spike_at_the_minimum_after_a_restart()
    {
        var now = T0 + TimeSpan.FromHours(2);
        var fresh = new SpikeDetector(SpikeRule.Default);
        var seeded = new SpikeDetector(SpikeRule.Default);
        // The case index says: 600 in the hour before the window (20 a window), 18 in the window so far.
        seeded.Seed(now, 600, 18);
        var reading = seeded.Read(now);
        Assert.Equal(18, reading.WindowCount);
        Assert.Equal(20, reading.Baseline, precision: 6);
        Assert.Equal(100, reading.Threshold, precision: 6);
        // The same 30 more reports: a spike for an empty counter, ordinary load for the seeded one.
        Assert.True(Burst(fresh, now, 30, TimeSpan.FromSeconds(5)).IsSpike);
        Assert.False(Burst(seeded, now, 30, TimeSpan.FromSeconds(5)).IsSpike);
    }

    [Fact]
    public void Intake_per_minute_puts_each_report_in_its_minute_newest_last()
    {
        var detector = new SpikeDetector(SpikeRule.Default);
        detector.Record(T0);
        detector.Record(T0 + TimeSpan.FromSeconds(70));
        detector.Record(T0 + TimeSpan.FromSeconds(75));
        Assert.Equal([0, 1, 2], detector.PerMinute(T0 + TimeSpan.FromSeconds(119), 3));
    }

    [Fact]
    public void A_rule_the_counter_cannot_use_is_refused_setting_by_setting()
    {
        var problems = new SpikeRule(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 0, 0.5).Problems();
        Assert.Equal(["Baseline", "Factor", "Minimum", "Window"], problems.Keys.Order());
        Assert.Empty(SpikeRule.Default.Problems());
        Assert.Contains("Baseline", new SpikeRule(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), 30, 5).Problems().Keys);
        Assert.Throws<ArgumentException>(() => new SpikeDetector(SpikeRule.Default with { Minimum = 0 }));
    }
}
