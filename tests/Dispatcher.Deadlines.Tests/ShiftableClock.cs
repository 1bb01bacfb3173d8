namespace Dispatcher.Deadlines.Tests;

/// <summary>
/// A fake clock for a live cluster: real time plus an offset the test moves forward. Timers and
/// reminders keep running in real time, so a deadline hours away is reached by shifting the clock
/// while the (1-second) reminder keeps ticking.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock to an instant (never backwards).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var gap = at - GetUtcNow();
        if (gap > TimeSpan.Zero) Advance(gap);
    }
}
