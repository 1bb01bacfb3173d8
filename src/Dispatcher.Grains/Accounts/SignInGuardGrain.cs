using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Accounts;
using Dispatcher.Domain.Accounts;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Accounts;

[GenerateSerializer, Alias("dispatcher.sign-in-guard-state")]
public sealed class SignInGuardState
{
    [Id(0)] public int Failures { get; set; }
    [Id(1)] public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>One login's wrong-password count and lock (<see cref="LockoutRule"/>), persisted.</summary>
public sealed class SignInGuardGrain(
    [PersistentState("sign-in-guard", DispatcherNames.Storage)] IPersistentState<SignInGuardState> state,
    IOptions<SignInOptions> options,
    TimeProvider clock) : Grain, ISignInGuardGrain
{
    private readonly LockoutRule _rule = options.Value.ToRule();

    public Task<SignInLock> Status() => Task.FromResult(View());

    public async Task<SignInLock> RecordFailure()
    {
        (state.State.Failures, state.State.LockedUntil) = _rule.AfterFailure(state.State.Failures, state.State.LockedUntil, clock.GetUtcNow());
        await state.WriteOrReload(this);
        return View();
    }

    public async Task RecordSuccess()
    {
        if (state.State.Failures == 0 && state.State.LockedUntil is null) return;
        state.State.Failures = 0;
        state.State.LockedUntil = null;
        await state.WriteOrReload(this);
    }

    public async Task<SignInLock> Unlock()
    {
        await RecordSuccess();
        return View();
    }

    private SignInLock View() =>
        new(LockoutRule.IsLocked(state.State.LockedUntil, clock.GetUtcNow()), state.State.LockedUntil, state.State.Failures);
}
