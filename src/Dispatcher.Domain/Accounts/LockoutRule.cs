namespace Dispatcher.Domain.Accounts;

/// <summary>
/// When repeated wrong passwords lock a login (ADR-024): after <see cref="MaxFailures"/> failures
/// in a row the login is locked for <see cref="Duration"/>; a right password before that resets the
/// count; a lock that has run out starts a fresh count. Known and unknown logins are treated alike,
/// so a lock reveals nothing about whether a login exists.
/// </summary>
public sealed record LockoutRule(int MaxFailures, TimeSpan Duration)
{
    public static readonly LockoutRule Default = new(5, TimeSpan.FromMinutes(15));

    /// <summary>Whether the login is locked at <paramref name="now"/>.</summary>
    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && until > now;

    /// <summary>The failure count and lock after one more wrong password.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset? lockedUntil, DateTimeOffset now)
    {
        if (IsLocked(lockedUntil, now)) return (failures, lockedUntil);
        var count = (lockedUntil is null ? failures : 0) + 1;
        return count >= MaxFailures ? (count, now + Duration) : (count, null);
    }
}
