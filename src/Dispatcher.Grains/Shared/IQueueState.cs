namespace Dispatcher.Grains.Shared;

/// <summary>The state of a <see cref="CaseQueueGrain{TState, TEntry}"/>: one entry per case id.</summary>
public interface IQueueState<TEntry>
{
    Dictionary<string, TEntry> Entries { get; }
}
