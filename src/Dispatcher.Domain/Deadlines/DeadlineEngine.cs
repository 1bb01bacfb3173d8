using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Deadlines;

/// <summary>A deadline event that is due: a warning, a breach, a supervision or an escalation.</summary>
public sealed record DeadlineEvent(DateTimeOffset At, CaseAction Action, DeadlineStep? Step, string Note);

/// <summary>
/// Deadline arithmetic of a case (R5), pure: arming at dispatch, completion of steps, which events
/// are due at a given time (each exactly once, by comparing with the persisted progress), and when
/// the grain must wake up next.
/// </summary>
public sealed class DeadlineEngine(SlaPolicy policy, WorkingCalendar calendar, CityDirectory city)
{
    public SlaPolicy Policy => policy;
    public WorkingCalendar Calendar => calendar;

    /// <summary>Starts the clocks of a new cycle: at dispatch (the clock starts there, not at sign-for) or reopen.</summary>
    public void Arm(CaseState state, DateTimeOffset now)
    {
        var sla = policy.For(city.FindCategory(state.Intake!.Category)?.ServiceClass ?? "general", state.Intake.Priority);
        state.Deadlines =
        [
            new() { Step = DeadlineStep.Acknowledge, Start = now, Due = sla.Acknowledge.From(now, calendar) },
            new() { Step = DeadlineStep.Reply, Start = now, Due = sla.Reply.From(now, calendar) },
            new() { Step = DeadlineStep.Resolve, Start = now, Due = sla.Resolve.From(now, calendar) },
        ];
        state.Overdue = false;
        state.SupervisionDue = null;
        state.Escalated = false;
    }

    /// <summary>
    /// Starts a co-department's clocks (ADR-027): acknowledge and reply, from the same policy as the
    /// lead's (the case's service class and priority). A co-part has no resolve step: the lead resolves.
    /// </summary>
    public void ArmCoPart(CaseState state, CoPart part, DateTimeOffset now)
    {
        var sla = policy.For(city.FindCategory(state.Intake!.Category)?.ServiceClass ?? "general", state.Intake.Priority);
        part.Deadlines =
        [
            new() { Step = DeadlineStep.Acknowledge, Start = now, Due = sla.Acknowledge.From(now, calendar) },
            new() { Step = DeadlineStep.Reply, Start = now, Due = sla.Reply.From(now, calendar) },
        ];
    }

    /// <summary>Marks a co-part's step done (a reply completes the acknowledgement too); true when it met its deadline.</summary>
    public static bool CompleteCoPart(CoPart part, DeadlineStep step, DateTimeOffset now)
    {
        var deadline = part.Deadlines.Find(d => d.Step == step);
        if (deadline is null || deadline.Done) return deadline is null || !deadline.Breached;
        deadline.Done = true;
        if (step == DeadlineStep.Reply)
            foreach (var d in part.Deadlines) d.Done = true;
        return now < deadline.Due;
    }

    /// <summary>Applies one due event of a co-part to its progress; a breach marks the part overdue (no supervision: that is the lead's).</summary>
    public static void MarkCoPartFired(CoPart part, DeadlineEvent e)
    {
        var d = part.Deadlines.First(x => x.Step == e.Step);
        d.Fired++;
        if (e.Action != CaseAction.Overdue) return;
        d.Breached = true;
        part.Overdue = true;
    }

    /// <summary>The case left the department (return, override, close): no clock runs for it any more.</summary>
    public static void Disarm(CaseState state)
    {
        state.Deadlines.Clear();
        state.SupervisionDue = null;
    }

    /// <summary>Marks a step done; true when it met its deadline (a step without a clock counts as on time).</summary>
    public static bool Complete(CaseState state, DeadlineStep step, DateTimeOffset now)
    {
        var deadline = state.Deadlines.Find(d => d.Step == step);
        if (deadline is null || deadline.Done) return deadline is null || !deadline.Breached;
        deadline.Done = true;
        // Resolving completes the earlier steps too (a department may reply and resolve together).
        if (step == DeadlineStep.Resolve)
            foreach (var d in state.Deadlines) d.Done = true;
        return now < deadline.Due; // the breach fires at Due itself, so Due is already late
    }

    /// <summary>
    /// Every event due by <paramref name="now"/> and not fired before, in time order; the caller
    /// applies them one by one with <see cref="MarkFired"/>.
    /// </summary>
    public IReadOnlyList<DeadlineEvent> Due(CaseState state, DateTimeOffset now) => Due(state.Deadlines, now);

    /// <summary>Every event due by <paramref name="now"/> of one set of clocks (the lead's, or a co-part's), in time order.</summary>
    public IReadOnlyList<DeadlineEvent> Due(IEnumerable<DeadlineState> clocks, DateTimeOffset now)
    {
        var events = new List<DeadlineEvent>();
        foreach (var d in clocks.Where(d => !d.Done))
        {
            for (var i = d.Fired; i <= policy.WarningPoints.Length; i++)
            {
                var at = PointTime(d, i);
                if (at > now) break;
                events.Add(i < policy.WarningPoints.Length
                    ? new DeadlineEvent(at, CaseAction.Warn, d.Step, $"{Name(d.Step)} deadline: {policy.WarningPoints[i]:P0} of the time used (due {Local(d.Due)})")
                    : new DeadlineEvent(at, CaseAction.Overdue, d.Step, $"{Name(d.Step)} deadline passed (due {Local(d.Due)})"));
            }
        }
        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }

    /// <summary>Applies one due event to the persisted progress; returns the supervision/escalation it triggers, if any.</summary>
    public DeadlineEvent? MarkFired(CaseState state, DeadlineEvent e)
    {
        var d = state.Deadlines.First(x => x.Step == e.Step);
        d.Fired++;
        if (e.Action != CaseAction.Overdue) return null;
        d.Breached = true;
        state.Overdue = true;
        if (state.SupervisionDue is not null) return null;
        state.SupervisionDue = policy.Supervision.From(e.At, calendar);
        return new DeadlineEvent(e.At, CaseAction.Supervise, e.Step,
            $"supervision opened for the department's supervisors: {Name(e.Step!.Value)} overdue; due {Local(state.SupervisionDue.Value)}");
    }

    /// <summary>The escalation due by now: supervision ran out and a breached step is still not done.</summary>
    public DeadlineEvent? EscalationDue(CaseState state, DateTimeOffset now)
    {
        if (state.Escalated || state.SupervisionDue is not { } due || due > now) return null;
        var late = state.Deadlines.FirstOrDefault(d => d.Breached && !d.Done);
        if (late is null) return null;
        return new DeadlineEvent(due, CaseAction.Escalate, late.Step,
            $"referred to discipline inspection: {Name(late.Step)} still overdue after supervision ended {Local(due)}");
    }

    /// <summary>When the grain must next look at its deadlines; null when nothing is pending.</summary>
    public DateTimeOffset? NextWake(CaseState state)
    {
        // Every stored write of a case asks this (its index row), so it walks the lists without LINQ's allocations.
        DateTimeOffset? next = null;
        var openBreach = false;
        foreach (var d in state.Deadlines)
        {
            next = Sooner(next, d);
            openBreach |= d.Breached && !d.Done;
        }
        // Open co-parts' clocks (ADR-027) wake the case too.
        foreach (var part in state.CoParts)
            if (part.Open)
                foreach (var d in part.Deadlines) next = Sooner(next, d);
        if (!state.Escalated && state.SupervisionDue is { } due && openBreach)
            next = Min(next, due);
        return next;
    }

    /// <summary>The sooner of <paramref name="next"/> and the clock's next point, if it has one left.</summary>
    private DateTimeOffset? Sooner(DateTimeOffset? next, DeadlineState d) =>
        !d.Done && d.Fired <= policy.WarningPoints.Length ? Min(next, PointTime(d, d.Fired)) : next;

    /// <summary>The return window (R4: within 2 working days of the assignment); null when it is still open.</summary>
    public DateTimeOffset? ReturnWindowClosed(CaseState state, DateTimeOffset now)
    {
        var closes = policy.ReturnWindow.From(state.AssignedAt, calendar);
        return now > closes ? closes : null;
    }

    private DateTimeOffset PointTime(DeadlineState d, int index) =>
        index >= policy.WarningPoints.Length ? d.Due : d.Start + (d.Due - d.Start) * policy.WarningPoints[index];

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a;

    private string Local(DateTimeOffset at) => at.ToOffset(calendar.UtcOffset).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(DeadlineStep step) => step.ToString().ToLowerInvariant();
}
