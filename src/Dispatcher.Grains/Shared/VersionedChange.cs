namespace Dispatcher.Grains.Shared;

/// <summary>One write to a versioned singleton: the version it makes, when, and who (an actor, or "seed").</summary>
public readonly record struct VersionedChange(long Version, DateTimeOffset At, string By);
