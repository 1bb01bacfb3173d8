using System.Globalization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.Stats;

namespace Dispatcher.Domain.Reports;

/// <summary>
/// Builds reports from the departments' live counters (never by scanning cases).
/// Composite score = 0.3 × reply rate + 0.3 × resolution rate + 0.2 × on-time rate + 0.2 ×
/// satisfaction rate, over the rates that exist (weights of missing rates are shared out among the
/// others). Departments with no answerable case that month are listed without a rank.
/// </summary>
public static class ReportBuilder
{
    public const string ScoreFormula = "0.3·reply rate + 0.3·resolution rate + 0.2·on-time rate + 0.2·satisfaction rate, over the rates that exist";
    public const int Highlighted = 3;

    public static double? Score(DepartmentStats s)
    {
        var parts = new (double? Rate, double Weight)[] { (s.ReplyRate, 0.3), (s.ResolutionRate, 0.3), (s.OnTimeRate, 0.2), (s.SatisfactionRate, 0.2) };
        var present = parts.Where(p => p.Rate is not null).ToArray();
        if (s.ReplyRate is null || present.Length == 0) return null;
        return Math.Round(present.Sum(p => p.Rate!.Value * p.Weight) / present.Sum(p => p.Weight), 4);
    }

    /// <summary>The month's bulletin; <paramref name="firstContactClosed"/> counts the consultations answered at intake.</summary>
    public static MonthlyBulletin Monthly(string month, IEnumerable<(string Id, string Name, DepartmentStats Stats)> departments,
        DateTimeOffset now, long firstContactClosed = 0)
    {
        var scored = departments.Select(d => (d.Id, d.Name, d.Stats, Score: Score(d.Stats))).ToList();
        var ranked = scored.Where(d => d.Score is not null)
            .OrderByDescending(d => d.Score).ThenByDescending(d => d.Stats.Received).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var highlighted = Math.Min(Highlighted, ranked.Count / 2);
        var praised = ranked.Take(highlighted).Select(d => d.Id).ToArray();
        var criticised = ranked.Skip(ranked.Count - highlighted).Reverse().Select(d => d.Id).ToArray();
        var lines = ranked.Select((d, i) => new BulletinLine(i + 1, d.Id, d.Name, d.Score, d.Stats,
                praised.Contains(d.Id) ? "praised" : criticised.Contains(d.Id) ? "criticised" : ""))
            .Concat(scored.Where(d => d.Score is null).OrderBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => new BulletinLine(null, d.Id, d.Name, null, d.Stats, "no cases")))
            .ToArray();
        return new MonthlyBulletin(month, now, ScoreFormula, lines, praised, criticised, firstContactClosed);
    }

    /// <summary>The quarter's difficult cases, each with the reasons <see cref="DifficultCaseRule"/> gives.</summary>
    public static QuarterlyReview Quarterly(string quarter, IEnumerable<CaseIndexRow> rows, DateTimeOffset now) =>
        new(quarter, now, rows.Select(r => new DifficultCase(r.Id, r.Category, r.District, r.DepartmentId, r.Status, r.CreatedAt,
            r.Returns, r.Reopened, r.Overdue, r.Escalated, DifficultCaseRule.ReasonsFor(r),
            FakeClosureRule.IsSuspected(r), FakeClosureRule.ReasonsFor(r))).ToArray());

    /// <summary>Every department's twelve months and the year's totals.</summary>
    public static AnnualAssessment Annual(int year, IEnumerable<(string Id, string Name, IReadOnlyList<DepartmentStats> Months)> departments, DateTimeOffset now) =>
        new(year, now, departments
            .Select(d => new AnnualLine(d.Id, d.Name, Total(d.Id, year.ToString(CultureInfo.InvariantCulture), d.Months), d.Months))
            .ToArray());

    /// <summary>Sums monthly counters into the year's totals and recomputes the rates on the sums.</summary>
    public static DepartmentStats Total(string departmentId, string period, IReadOnlyList<DepartmentStats> months)
    {
        var c = new MonthCounters();
        foreach (var m in months)
        {
            c.Received += m.Received; c.Acknowledged += m.Acknowledged; c.Replied += m.Replied; c.Resolved += m.Resolved;
            c.Returned += m.Returned; c.Reopened += m.Reopened; c.Withdrawn += m.Withdrawn; c.AcknowledgedOnTime += m.AcknowledgedOnTime;
            c.RepliedOnTime += m.RepliedOnTime; c.Overdue += m.Overdue; c.Supervised += m.Supervised; c.Escalated += m.Escalated;
            c.Satisfied += m.Satisfied; c.BasicallySatisfied += m.BasicallySatisfied; c.Unsatisfied += m.Unsatisfied;
            c.FinishedOnTime += m.FinishedOnTime; c.FinishedLate += m.FinishedLate; c.OpenOverdue += m.OpenOverdue;
        }
        return Rates.ToStats(departmentId, period, c, months.Count == 0 ? 0 : months[^1].OpenNow);
    }
}
