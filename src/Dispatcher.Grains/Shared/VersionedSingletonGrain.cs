using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Grains.Shared;

/// <summary>
/// A versioned singleton that admins edit and the city file seeds (routing rules, hotline registry,
/// knowledge base): seeded once while at version 0; every edit admin-only, validated, checked
/// against the expected version when one is given (→ <see cref="ConflictException"/>), stamped with
/// who and when, and written — or, when the write fails, the grain reloads from storage.
/// A subclass keeps only its validation, how a change lands in its state, and its snapshot.
/// </summary>
public abstract class VersionedSingletonGrain<TState, TItem, TSnapshot>(IPersistentState<TState> state, TimeProvider clock) : Grain
    where TState : IVersionedState
{
    protected TState State => state.State;

    /// <summary>Refusal for anyone but an admin, e.g. "Only an admin may change routing rules."</summary>
    protected abstract string AdminOnly { get; }

    /// <summary>How a stale-version conflict starts, e.g. "The rules are" (… "at version 4, not 3: reload and try again.").</summary>
    protected abstract string AtVersion { get; }

    public Task<TSnapshot> Get() => Task.FromResult(Snapshot());

    /// <summary>Replaces the items with the city file's, unless anything was ever written.</summary>
    public async Task SeedIfEmpty(IReadOnlyList<TItem> items)
    {
        if (State.Version > 0) return;
        await Commit("seed", change => ReplaceItems(items, change));
    }

    /// <summary>An admin's edit: validated (errors → <see cref="ValidationException"/>), version-checked, applied, written.</summary>
    protected async Task<TSnapshot> Edit(Actor actor, long? expectedVersion, Func<Dictionary<string, string[]>> validate, Action<VersionedChange> apply)
    {
        if (actor.Kind != ActorKind.Admin) throw new ForbiddenActionException(AdminOnly);
        var errors = validate();
        if (errors.Count > 0) throw new ValidationException(errors);
        if (expectedVersion is { } expected && expected != State.Version)
            throw new ConflictException($"{AtVersion} at version {State.Version}, not {expected}: reload and try again.");
        await Commit(actor.ToString(), apply);
        return Snapshot();
    }

    /// <summary>
    /// A change the system makes on someone's behalf (an arbitration ruling recorded as a rule): not
    /// an admin edit, so not admin-only, but validated, versioned and stamped like one.
    /// </summary>
    protected async Task<TSnapshot> EditOnBehalf(string by, Func<Dictionary<string, string[]>> validate, Action<VersionedChange> apply)
    {
        var errors = validate();
        if (errors.Count > 0) throw new ValidationException(errors);
        await Commit(by, apply);
        return Snapshot();
    }

    /// <summary>Puts <paramref name="items"/> in place of the current ones (seed, or a whole-table edit) and records the change.</summary>
    protected abstract void ReplaceItems(IReadOnlyList<TItem> items, VersionedChange change);

    protected abstract TSnapshot Snapshot();

    private async Task Commit(string by, Action<VersionedChange> apply)
    {
        State.Version++;
        apply(new VersionedChange(State.Version, clock.GetUtcNow(), by));
        await state.WriteOrReload(this);
    }
}
