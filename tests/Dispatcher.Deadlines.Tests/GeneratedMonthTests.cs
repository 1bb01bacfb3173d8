using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Reports;
using Dispatcher.Domain.Stats;
using static Dispatcher.Deadlines.Tests.Demo;

namespace Dispatcher.Deadlines.Tests;

/// <summary>
/// A generated month of 1,200 cases — late and timely steps, returns, arbitration, reopens,
/// callbacks — run through the real workflow; the department counters (fed only by notices) must
/// equal an independent recount from the case histories, and so must the bulletin.
/// </summary>
public sealed class GeneratedMonthTests
{
    private static readonly string[] Departments = ["city-urban-management", "city-environment", "city-water", "city-housing", "jinshui-environment", "huiji-government"];

    [Fact]
    public void Counters_and_the_bulletin_equal_a_recount_from_case_histories_over_a_generated_month()
    {
        var flow = Workflow();
        var random = new Random(20261128);
        var books = Departments.ToDictionary(d => d, _ => new DepartmentLedger());
        var cases = new List<CaseState>();
        var monthStart = Local(2026, 11, 1, 0, 0);
        var end = Local(2026, 12, 31, 0, 0);

        void Deliver(CaseOutcome? outcome)
        {
            if (outcome is null) return;
            foreach (var p in outcome.Notices)
                if (books.TryGetValue(p.Target.Id, out var ledger)) new DepartmentBook(ledger, Demo.City.MonthOf).Apply(p.Notice);
        }
        void At(CaseState c, DateTimeOffset t, Func<CaseOutcome> action)
        {
            Deliver(flow.Tick(c, t));
            Deliver(action());
        }

        for (var i = 0; i < 1200; i++)
        {
            var c = new CaseState();
            var t = monthStart.AddMinutes(random.Next(0, 29 * 24 * 60));
            var dept = Departments[random.Next(Departments.Length)];
            Deliver(flow.Submit(c, $"ZZ-GEN-{i:D4}", Demo.Accept(new SubmitCase(Channel, Intake(random.Next(5) == 0 ? "water-outage" : "road-damage")), t),
                new RoutingDecision(dept, "generated", 1), t));
            cases.Add(c);
            var rid = 0;
            string R() => $"r{rid++}";

            // Some departments return the case (within the window); the agent re-dispatches; a second return goes to arbitration.
            var returns = random.Next(10) switch { 0 => 1, 1 => 2, _ => 0 };
            for (var r = 0; r < returns; r++)
            {
                t = t.AddMinutes(random.Next(1, 60));
                At(c, t, () => flow.Apply(c, CaseAction.Return, Dept(c.DepartmentId!), R(), "not ours", t));
                t = t.AddMinutes(random.Next(1, 30));
                dept = Departments[random.Next(Departments.Length)];
                At(c, t, () => flow.Apply(c, CaseAction.Dispatch, Agent, R(), "re-dispatch", t, dept));
            }
            if (random.Next(20) == 0) continue; // left untouched: goes overdue, supervised, escalated

            t = t.AddMinutes(random.Next(1, 16)); // 10 minutes to acknowledge: some are late
            At(c, t, () => flow.Apply(c, CaseAction.Acknowledge, Dept(c.DepartmentId!), R(), null, t));
            if (random.Next(10) == 0) continue;
            t = t.AddHours(random.Next(1, 24 * 9)); // 24 h (water) or 7 days to reply: some are late
            At(c, t, () => flow.Apply(c, CaseAction.Reply, Dept(c.DepartmentId!), R(), "reply", t));
            if (random.Next(8) == 0) continue;
            t = t.AddHours(random.Next(1, 72));
            At(c, t, () => flow.Apply(c, CaseAction.Resolve, Dept(c.DepartmentId!), R(), "resolved", t));
            t = t.AddHours(random.Next(1, 48));
            var satisfaction = (Satisfaction)random.Next(3);
            At(c, t, () => flow.Callback(c, Agent, R(), satisfaction, null, t));
            if (satisfaction == Satisfaction.Unsatisfied && random.Next(2) == 0)
            {
                t = t.AddMinutes(random.Next(1, 9));
                At(c, t, () => flow.Apply(c, CaseAction.Acknowledge, Dept(c.DepartmentId!), R(), null, t));
                t = t.AddHours(random.Next(1, 48));
                At(c, t, () => flow.Apply(c, CaseAction.Reply, Dept(c.DepartmentId!), R(), "again", t));
                At(c, t, () => flow.Apply(c, CaseAction.Resolve, Dept(c.DepartmentId!), R(), "again", t));
            }
        }
        foreach (var c in cases) Deliver(flow.Tick(c, end));

        Assert.True(cases.Count >= 1000);
        Assert.Contains(cases, c => c.Returns >= 2);
        Assert.Contains(cases, c => c.Reopens > 0);
        Assert.Contains(cases, c => c.Escalated);

        foreach (var month in new[] { "2026-11", "2026-12" })
        {
            var live = Departments.Select(d => new DepartmentBook(books[d], Demo.City.MonthOf).Stats(d, month)).ToArray();
            var recount = Departments.Select(d => Recount.From(cases, d, month)).ToArray();
            for (var i = 0; i < Departments.Length; i++)
                Assert.True(Same(recount[i], live[i]), $"{Departments[i]} {month}:\n live    {live[i]}\n recount {recount[i]}");

            var fromLive = ReportBuilder.Monthly(month, Departments.Zip(live, (d, s) => (d, d, s)), end);
            var fromRecount = ReportBuilder.Monthly(month, Departments.Zip(recount, (d, s) => (d, d, s)), end);
            Assert.Equal(fromRecount.Lines.Select(l => (l.Rank, l.DepartmentId, l.Score)), fromLive.Lines.Select(l => (l.Rank, l.DepartmentId, l.Score)));
            Assert.Equal(fromRecount.Praised, fromLive.Praised);
            Assert.Equal(fromRecount.Criticised, fromLive.Criticised);
        }
    }

    /// <summary>Compares everything but the inbox size (a recount from histories has no inbox).</summary>
    private static bool Same(DepartmentStats a, DepartmentStats b) => a == b with { OpenNow = a.OpenNow };
}

/// <summary>An independent recount of one department's cohort month, from case histories alone.</summary>
internal static class Recount
{
    public static DepartmentStats From(IEnumerable<CaseState> cases, string department, string month)
    {
        var c = new MonthCounters();
        foreach (var state in cases)
        {
            // Walk the history; "mine" is true while the case is assigned to this department in this cohort.
            var mine = false;
            bool acked = false, replied = false, cycleOverdue = false, resolved = false, resolvedLate = false;
            foreach (var h in state.History)
            {
                if (h.Action is CaseAction.Route or CaseAction.Dispatch)
                {
                    var wasMine = mine;
                    if (wasMine && h.From is CaseStatus.Dispatched or CaseStatus.Acknowledged) { c.Withdrawn++; if (cycleOverdue) c.OpenOverdue--; }
                    mine = h.DepartmentId == department && Demo.City.MonthOf(h.At) == month;
                    acked = replied = cycleOverdue = resolved = false;
                    if (mine) c.Received++;
                    continue;
                }
                if (!mine) continue;
                switch (h.Action)
                {
                    case CaseAction.Acknowledge:
                        if (!acked) { c.Acknowledged++; if (!Late(state, h, DeadlineStep.Acknowledge)) c.AcknowledgedOnTime++; }
                        acked = true;
                        break;
                    case CaseAction.Reply:
                        if (!replied) { c.Replied++; if (!Late(state, h, DeadlineStep.Reply)) c.RepliedOnTime++; }
                        replied = true;
                        break;
                    case CaseAction.Resolve:
                        c.Resolved++; resolved = true; resolvedLate = cycleOverdue;
                        if (cycleOverdue) { c.FinishedLate++; c.OpenOverdue--; } else c.FinishedOnTime++;
                        break;
                    case CaseAction.Return or CaseAction.Arbitrate:
                        c.Returned++; if (cycleOverdue) c.OpenOverdue--; mine = false;
                        break;
                    case CaseAction.Reopen:
                        c.Reopened++;
                        if (resolved) { c.Resolved--; if (resolvedLate) c.FinishedLate--; else c.FinishedOnTime--; }
                        resolved = false; cycleOverdue = false;
                        break;
                    case CaseAction.Overdue:
                        if (!cycleOverdue) { c.Overdue++; c.OpenOverdue++; }
                        cycleOverdue = true;
                        break;
                    case CaseAction.Supervise: c.Supervised++; break;
                    case CaseAction.Escalate: c.Escalated++; break;
                    case CaseAction.Callback:
                        if (h.Note!.StartsWith(nameof(Satisfaction.BasicallySatisfied))) c.BasicallySatisfied++;
                        else if (h.Note.StartsWith(nameof(Satisfaction.Unsatisfied))) c.Unsatisfied++;
                        else c.Satisfied++;
                        break;
                }
            }
        }
        return Rates.ToStats(department, month, c, 0);
    }

    /// <summary>A step is late when an Overdue entry for it precedes it in the same cycle.</summary>
    private static bool Late(CaseState state, HistoryEntry step, DeadlineStep which)
    {
        var name = which.ToString().ToLowerInvariant() + " deadline passed";
        for (var i = state.History.IndexOf(step) - 1; i >= 0; i--)
        {
            var h = state.History[i];
            if (h.Action is CaseAction.Route or CaseAction.Dispatch or CaseAction.Reopen) return false;
            if (h.Action == CaseAction.Overdue && h.Note!.StartsWith(name)) return true;
        }
        return false;
    }
}
