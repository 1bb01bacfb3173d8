namespace Dispatcher.Abstractions.Accounts;

/// <summary>Whether a login may try a password now, and until when it is locked.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.sign-in-lock")]
public sealed record SignInLock([Id(0)] bool Locked, [Id(1)] DateTimeOffset? LockedUntil, [Id(2)] int Failures);

/// <summary>
/// The lock-out of one login (keyed by the lower-case login), held once for the whole cluster and
/// persisted, so a restart or another silo does not reset the count (ADR-024).
/// </summary>
[Alias("dispatcher.ISignInGuardGrain")]
public interface ISignInGuardGrain : IGrainWithStringKey
{
    [Alias("Status")] Task<SignInLock> Status();
    /// <summary>Counts a wrong password; the answer says whether the login is now locked.</summary>
    [Alias("RecordFailure")] Task<SignInLock> RecordFailure();
    /// <summary>A right password: the count starts again.</summary>
    [Alias("RecordSuccess")] Task RecordSuccess();
    /// <summary>An administrator lifts the lock.</summary>
    [Alias("Unlock")] Task<SignInLock> Unlock();
}
