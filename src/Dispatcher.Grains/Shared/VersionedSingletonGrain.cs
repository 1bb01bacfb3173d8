using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Shared;

/// <summary>
/// A versioned singleton that admins edit and the city file seeds (routing rules, hotline registry,
/// knowledge base): seeded once while at version 0; every edit admin-only, validated, checked
/// against the expected version when one is given (→ <see cref="ConflictException"/>), stamped with
/// who and when, and written — or, when the write fails, the grain reloads from storage.
/// Every write also records an <see cref="AuditChange"/> for the admin audit log in the same write
/// (an outbox, ADR-023), delivered right after and again on activation until the log has it.
/// A subclass keeps only its validation, how a change lands in its state, and its snapshot.
/// </summary>
public abstract class VersionedSingletonGrain<TState, TItem, TSnapshot>(IPersistentState<TState> state, TimeProvider clock, ILogger logger) : Grain
    where TState : IVersionedState
{
    private IGrainTimer? _retry;

    protected TState State => state.State;

    /// <summary>Refusal for anyone but an admin, e.g. "Only an admin may change routing rules."</summary>
    protected abstract string AdminOnly { get; }

    /// <summary>How a stale-version conflict starts, e.g. "The rules are" (… "at version 4, not 3: reload and try again.").</summary>
    protected abstract string AtVersion { get; }

    /// <summary>What the audit log files this grain's changes under.</summary>
    protected abstract AuditKind AuditKind { get; }

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        State.PendingAudit.Count > 0 ? TryDeliverAudit() : Task.CompletedTask;

    public Task<TSnapshot> Get() => Task.FromResult(Snapshot());

    /// <summary>Replaces the items with the city file's, unless anything was ever written.</summary>
    public async Task SeedIfEmpty(IReadOnlyList<TItem> items)
    {
        if (State.Version > 0) return;
        await Commit("seed", change => "seeded from the city file: " + ReplaceItems(items, change));
    }

    /// <summary>
    /// An admin's edit: validated (errors → <see cref="ValidationException"/>), version-checked, applied, written.
    /// <paramref name="apply"/> changes the state and says what changed, in a few words, for the audit log.
    /// </summary>
    protected async Task<TSnapshot> Edit(Actor actor, long? expectedVersion, Func<Dictionary<string, string[]>> validate, Func<VersionedChange, string> apply)
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
    /// an admin edit, so not admin-only, but validated, versioned, stamped and audited like one.
    /// </summary>
    protected async Task<TSnapshot> EditOnBehalf(string by, Func<Dictionary<string, string[]>> validate, Func<VersionedChange, string> apply)
    {
        var errors = validate();
        if (errors.Count > 0) throw new ValidationException(errors);
        await Commit(by, apply);
        return Snapshot();
    }

    /// <summary>
    /// Puts <paramref name="items"/> in place of the current ones (seed, or a whole-table edit), records
    /// the change in the grain's own state and says what changed (Domain/Audit/ItemChanges).
    /// </summary>
    protected abstract string ReplaceItems(IReadOnlyList<TItem> items, VersionedChange change);

    protected abstract TSnapshot Snapshot();

    private async Task Commit(string by, Func<VersionedChange, string> apply)
    {
        State.Version++;
        var change = new VersionedChange(State.Version, clock.GetUtcNow(), by);
        var summary = apply(change);
        State.PendingAudit.Add(new AuditChange(AuditKind, by, change.At, summary, change.Version));
        await state.WriteOrReload(this);
        await TryDeliverAudit();
    }

    /// <summary>
    /// The change is stored, so the edit has succeeded even when the audit log is unreachable right
    /// now: the pending entries stay in the state and a timer retries (the log records a version once).
    /// </summary>
    private async Task TryDeliverAudit()
    {
        try
        {
            await State.PendingAudit.DeliverTo(GrainFactory);
            // A failed write reloads on the next call, which delivers again: the log ignores what it has.
            await state.WriteOrReload(this);
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex)
        {
            logger.AuditDeliveryFailed(ex, AuditKind, State.PendingAudit.Count);
            _retry ??= this.RegisterGrainTimer(_ => TryDeliverAudit(),
                new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(2), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        }
    }
}
