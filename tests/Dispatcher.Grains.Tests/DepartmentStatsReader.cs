using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// Reads a department's counters for the cohort months of the given cases. Tests run on the real
/// clock, so the months come from the cases' own assignment times rather than from "now".
/// </summary>
internal static class DepartmentStatsReader
{
    public static async Task<string[]> AssignmentMonths(IGrainFactory grains, CityDirectory city, IEnumerable<string> caseIds)
    {
        var months = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in caseIds)
        {
            var view = await grains.GetGrain<ICaseGrain>(id).Get();
            foreach (var entry in view.History.Where(h => h.Action is CaseAction.Route or CaseAction.Dispatch))
                months.Add(city.MonthOf(entry.At));
        }
        return [.. months];
    }

    /// <summary>The counters summed over the months (one month, except when a test straddles midnight at a month's end).</summary>
    public static async Task<Counts> Sum(IDepartmentGrain department, IEnumerable<string> months)
    {
        var total = new Counts(0, 0, 0, 0, 0, 0, 0);
        foreach (var month in months)
        {
            var s = await department.GetStats(month);
            total = new Counts(total.Received + s.Received, total.Acknowledged + s.Acknowledged, total.Replied + s.Replied,
                total.Resolved + s.Resolved, total.Returned + s.Returned, total.Reopened + s.Reopened, total.Withdrawn + s.Withdrawn);
        }
        return total;
    }

    public static Counts Minus(this Counts a, Counts b) => new(a.Received - b.Received, a.Acknowledged - b.Acknowledged,
        a.Replied - b.Replied, a.Resolved - b.Resolved, a.Returned - b.Returned, a.Reopened - b.Reopened, a.Withdrawn - b.Withdrawn);
}

internal sealed record Counts(int Received, int Acknowledged, int Replied, int Resolved, int Returned, int Reopened, int Withdrawn);
