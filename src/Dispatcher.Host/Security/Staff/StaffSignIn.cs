using Dispatcher.Abstractions.Accounts;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Security.Staff;

/// <summary>The outcome of one sign-in attempt.</summary>
public sealed record SignInAttempt(StaffAccount? Account, SignInLock Lock)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// The one place where passwords are checked against the lock-out (ADR-024): a locked login is
/// refused without looking at the password; a wrong one counts on the login's cluster-wide guard
/// grain; a right one clears it. Unknown logins are counted and locked alike. Unlocking is here too,
/// so an audit of lock-outs has one place to hook into.
/// </summary>
public sealed partial class StaffSignIn(StaffDirectory staff, IGrainFactory grains, TimeProvider clock, ILogger<StaffSignIn> logger)
{
    public const int MaxLoginLength = 64;

    public async Task<SignInAttempt> Attempt(string login, string password)
    {
        var guard = Guard(login);
        var status = await guard.Status();
        if (status.Locked) return new(null, status);
        var account = staff.Verify(login, password);
        if (account is null)
        {
            var after = await guard.RecordFailure();
            if (after.Locked)
            {
                LogLocked(login, after.LockedUntil);
                await AuditLockout(login, after);
            }
            return new(null, after);
        }
        await guard.RecordSuccess();
        return new(account, status with { Failures = 0 });
    }

    /// <summary>An admin lifts a lock; the audit log records who (ADR-023), and a failed record fails the call so it is retried.</summary>
    public async Task<SignInLock> Unlock(string login, string by)
    {
        var status = await Guard(login).Unlock();
        LogUnlocked(login);
        await Audit().Append(new AuditChange(AuditKind.Accounts, by, clock.GetUtcNow(), $"sign-in lock of login {Normalize(login)} lifted"));
        return status;
    }

    /// <summary>
    /// A lock-out goes to the audit log too. The lock itself is already in force; if the log cannot be
    /// reached right now the refusal still stands and the warning above is the record.
    /// </summary>
    private async Task AuditLockout(string login, SignInLock status)
    {
        try
        {
            await Audit().Append(new AuditChange(AuditKind.Accounts, "sign-in guard", clock.GetUtcNow(),
                $"login {Normalize(login)} locked until {status.LockedUntil:yyyy-MM-ddTHH:mm:ssZ} after {status.Failures} wrong passwords"));
        }
        catch (Exception ex)
        {
            LogLockoutNotAudited(ex, login);
        }
    }

    private IAuditLogGrain Audit() => grains.GetGrain<IAuditLogGrain>(Dispatcher.Abstractions.DispatcherNames.SingletonKey);

    /// <summary>Logins are case-insensitive: one guard per lower-case login.</summary>
    public static string Normalize(string login) => login.Trim().ToLowerInvariant();

    private ISignInGuardGrain Guard(string login) => grains.GetGrain<ISignInGuardGrain>(Normalize(login));

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Sign-in for login {Login} locked until {Until} after repeated wrong passwords")]
    private partial void LogLocked(string login, DateTimeOffset? until);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "The lock-out of login {Login} could not be written to the audit log")]
    private partial void LogLockoutNotAudited(Exception ex, string login);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "Sign-in lock of login {Login} lifted by an administrator")]
    private partial void LogUnlocked(string login);
}
