using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Stats;

/// <summary>
/// Rate formulas (documented in README). The base is the cases a department really had to answer
/// in the cohort month: received − returned − withdrawn (a misrouted case it returned, or one the
/// dispatcher took away, is not held against it). No base → no rate (null), not 0 % or 100 %.
/// </summary>
public static class Rates
{
    public static int Answerable(MonthCounters c) => Math.Max(0, c.Received - c.Returned - c.Withdrawn);

    /// <summary>回复率: replied ÷ answerable.</summary>
    public static double? ReplyRate(MonthCounters c) => Ratio(c.Replied, Answerable(c));

    /// <summary>落实率: resolved (and not reopened since) ÷ answerable.</summary>
    public static double? ResolutionRate(MonthCounters c) => Ratio(c.Resolved, Answerable(c));

    /// <summary>On-time rate: finished on time ÷ (finished + open and overdue) — late open cases count now, not when they close.</summary>
    public static double? OnTimeRate(MonthCounters c) => Ratio(c.FinishedOnTime, c.FinishedOnTime + c.FinishedLate + c.OpenOverdue);

    /// <summary>Satisfaction rate: (satisfied + basically satisfied) ÷ callbacks.</summary>
    public static double? SatisfactionRate(MonthCounters c) => Ratio(c.Satisfied + c.BasicallySatisfied, c.Satisfied + c.BasicallySatisfied + c.Unsatisfied);

    public static DepartmentStats ToStats(string departmentId, string month, MonthCounters c, int openNow) =>
        new(departmentId, month, c.Received, c.Acknowledged, c.Replied, c.Resolved, c.Returned, c.Reopened, c.Withdrawn, openNow,
            ReplyRate(c), ResolutionRate(c), c.AcknowledgedOnTime, c.RepliedOnTime, c.Overdue, c.Supervised, c.Escalated,
            c.Satisfied, c.BasicallySatisfied, c.Unsatisfied, c.FinishedOnTime, c.FinishedLate, c.OpenOverdue, OnTimeRate(c), SatisfactionRate(c), CoHandled(c));

    /// <summary>
    /// Co-handled figures (ADR-027), apart from the department's own: co-reply rate = co-replied ÷
    /// (co-received − released − withdrawn); co-replied-on-time rate = co-replied on time ÷ co-replied.
    /// </summary>
    public static CoHandledStats CoHandled(MonthCounters c) =>
        new(c.CoReceived, c.CoAcknowledged, c.CoAcknowledgedOnTime, c.CoReplied, c.CoRepliedOnTime, c.CoReleased, c.CoWithdrawn, c.CoOverdue,
            Ratio(c.CoReplied, Math.Max(0, c.CoReceived - c.CoReleased - c.CoWithdrawn)), Ratio(c.CoRepliedOnTime, c.CoReplied));

    public static double? Ratio(int part, int whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4);
}
