namespace Dispatcher.Host.Hosting;

/// <summary>Limits on the anonymous endpoints (section "Dispatcher:RateLimits"). Validated at start-up.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Dispatcher:RateLimits";

    /// <summary>Status lookups one client address may make per minute, whatever the case.</summary>
    public int PublicLookupPerClientPerMinute { get; set; } = 20;

    /// <summary>Status lookups of one tracking number per hour, from all clients together (stops a distributed guesser).</summary>
    public int PublicLookupPerCasePerHour { get; set; } = 30;

    /// <summary>Open311 reads (GET /open311/v2/…, no key) one client address may make per minute.</summary>
    public int Open311PerClientPerMinute { get; set; } = 120;
}
