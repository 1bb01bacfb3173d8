using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Grains.Hosting;

/// <summary>
/// SLA overrides (section "Dispatcher:Deadlines"). Unset values keep the product defaults; the demo
/// shortens them to watch warning → breach → supervision → escalation in minutes.
/// </summary>
public sealed class DeadlineOptions
{
    public const string Section = "Dispatcher:Deadlines";

    /// <summary>Acknowledge deadline after dispatch, every class (default 10 minutes).</summary>
    public TimeSpan? Acknowledge { get; set; }
    /// <summary>Reply deadline for every class (default: 2 h urgent, 24 h utilities, 7 d general, 15 d complex).</summary>
    public TimeSpan? Reply { get; set; }
    /// <summary>Resolve deadline for every class.</summary>
    public TimeSpan? Resolve { get; set; }
    /// <summary>How long supervision lasts before referral to discipline inspection (default 2 working days).</summary>
    public TimeSpan? Supervision { get; set; }
    /// <summary>Working days after assignment in which a department may return a case.</summary>
    public int ReturnWindowWorkingDays { get; set; } = 2;
    /// <summary>The silo's minimum reminder period (Orleans default 1 minute; tests lower it): how soon a deadline bucket is back after its silo died.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// How often each deadline bucket wakes its cases whose next deadline event has come (ADR-012,
    /// ADR-030, ADR-032). One second: at 5 s a 150,000-case memory storm's lateness p99 was 4× longer, and
    /// an idle cluster's 16 bucket reads per second are cheap index range reads.
    /// </summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// How many deadline buckets share the cases (ADR-030), each a grain on some silo. May be changed
    /// between starts: wake times are kept per slot, so a new count regroups them and loses none;
    /// buckets beyond a smaller count retire at their next reminder.
    /// </summary>
    public int Buckets { get; set; } = 16;

    public SlaPolicy ToPolicy()
    {
        var policy = new SlaPolicy
        {
            ReturnWindow = new SlaSpan(WorkingDays: ReturnWindowWorkingDays),
            Supervision = Supervision is { } s ? new SlaSpan(s) : new SlaSpan(WorkingDays: 2),
        };
        foreach (var (name, sla) in policy.Classes.ToArray())
        {
            policy.Classes[name] = new SlaClass(
                Acknowledge is { } a ? new SlaSpan(a) : sla.Acknowledge,
                Reply is { } r ? new SlaSpan(r) : sla.Reply,
                Resolve is { } v ? new SlaSpan(v) : sla.Resolve);
        }
        return policy;
    }
}
