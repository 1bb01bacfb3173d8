namespace Dispatcher.Grains.Shared;

/// <summary>
/// A queue of cases (triage, discipline inspection): adding a case that is already there changes
/// nothing (a retried call is harmless), removing one that is gone neither; listed oldest first.
/// </summary>
public abstract class CaseQueueGrain<TState, TEntry>(IPersistentState<TState> state) : Grain
    where TState : IQueueState<TEntry>
{
    /// <summary>When the entry joined the queue: the list's order.</summary>
    protected abstract DateTimeOffset Since(TEntry entry);

    protected async Task Enqueue(string caseId, TEntry entry)
    {
        if (!state.State.Entries.TryAdd(caseId, entry)) return;
        await state.WriteOrReload(this);
    }

    protected async Task Dequeue(string caseId)
    {
        if (!state.State.Entries.Remove(caseId)) return;
        await state.WriteOrReload(this);
    }

    protected Task<IReadOnlyList<T>> Ordered<T>(Func<string, TEntry, T> item) => Task.FromResult<IReadOnlyList<T>>(
        state.State.Entries.OrderBy(e => Since(e.Value)).Select(e => item(e.Key, e.Value)).ToArray());
}
