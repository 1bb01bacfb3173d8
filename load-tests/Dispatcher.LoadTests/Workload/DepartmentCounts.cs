using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;

namespace Dispatcher.LoadTests.Workload;

/// <summary>What the department grains hold: their month counters and open inboxes.</summary>
public static class DepartmentCounts
{
    /// <summary>Sum of the month counters of every department (for the drift check, before and after a run).</summary>
    /// <returns>null when the department grains did not answer within the timeout (a backlog in their queues).</returns>
    public static async Task<MonthCounters?> Totals(IGrainFactory grains, CityDirectory city, TimeSpan timeout)
    {
        var months = new[] { city.MonthOf(DateTimeOffset.UtcNow.AddDays(-1)), city.MonthOf(DateTimeOffset.UtcNow) }.Distinct().ToArray();
        var calls = city.Departments.SelectMany(d => months.Select(m => grains.GetGrain<IDepartmentGrain>(d.Id).GetStats(m))).ToArray();
        var all = Task.WhenAll(calls);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all) { _ = all.ContinueWith(t => t.Exception, TaskScheduler.Default); return null; }
        // A department that cannot activate right now (e.g. its storage read timed out under overload) is "not answering".
        if (all.IsFaulted) { _ = all.Exception; return null; }
        var sum = new MonthCounters();
        foreach (var s in await all)
        {
            sum.Received += s.Received; sum.Acknowledged += s.Acknowledged; sum.Replied += s.Replied;
            sum.Resolved += s.Resolved; sum.Returned += s.Returned;
        }
        return sum;
    }

    public static async Task<int> OpenInboxTotal(IGrainFactory grains, CityDirectory city)
    {
        var n = 0;
        foreach (var d in city.Departments) n += (await grains.GetGrain<IDepartmentGrain>(d.Id).GetInbox().WaitAsync(TimeSpan.FromSeconds(30))).Count;
        return n;
    }
}
