namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// Starts the deadline buckets (key 0, ADR-030). Every silo calls <see cref="Start"/> once at
/// start-up; only a new activation of this grain starts the buckets, so a silo start costs one call
/// and the buckets' reminders do the rest.
/// </summary>
[Alias("dispatcher.IDeadlineBucketsGrain")]
public interface IDeadlineBucketsGrain : IGrainWithIntegerKey
{
    [Alias("Start")] Task Start();
}
