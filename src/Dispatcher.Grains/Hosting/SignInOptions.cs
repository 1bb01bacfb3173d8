using Dispatcher.Domain.Accounts;

namespace Dispatcher.Grains.Hosting;

/// <summary>Staff sign-in lock-out (section "Dispatcher:SignIn", ADR-024).</summary>
public sealed class SignInOptions
{
    public const string Section = "Dispatcher:SignIn";

    /// <summary>Wrong passwords in a row that lock a login (default 5).</summary>
    public int MaxFailures { get; set; } = LockoutRule.Default.MaxFailures;

    /// <summary>How long a locked login stays locked (default 15 minutes).</summary>
    public TimeSpan Lockout { get; set; } = LockoutRule.Default.Duration;

    public LockoutRule ToRule() => new(MaxFailures, Lockout);
}
