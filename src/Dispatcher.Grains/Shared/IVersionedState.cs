namespace Dispatcher.Grains.Shared;

/// <summary>
/// The state of a <see cref="VersionedSingletonGrain{TState, TItem, TSnapshot}"/>: the version counts
/// every write, 0 means never written (not seeded yet). An interface, not a base class, so the state
/// classes keep their stored format.
/// </summary>
public interface IVersionedState
{
    long Version { get; set; }
}
