using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DepartmentCountersTests(ClusterFixture fixture)
{
    // water-outage → city-water; this test is the only one that routes cases there.
    private const string Department = "city-water";

    [Fact]
    public async Task The_monthly_counters_and_the_inbox_match_a_mix_of_case_outcomes_exactly()
    {
        var clerk = Cases.DepartmentUser(Department);
        var agent = Cases.NewAgent();
        var department = fixture.Grains.GetGrain<IDepartmentGrain>(Department);
        var inboxBefore = (await department.GetInbox()).Select(i => i.CaseId).ToHashSet();

        async Task<(string Id, ICaseGrain Grain)> NewCase()
        {
            var id = Cases.NewId();
            var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
            var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("water-outage", "guancheng")));
            Assert.Equal(Department, receipt.DepartmentId);
            return (id, grain);
        }

        var routedOnly = await NewCase();
        var acknowledged = await NewCase();
        await acknowledged.Grain.Acknowledge(Cases.Command(clerk));
        var replied = await NewCase();
        await replied.Grain.Acknowledge(Cases.Command(clerk));
        await replied.Grain.Reply(Cases.Command(clerk, "Crew on the way."));
        var resolved = await NewCase();
        await resolved.Grain.Acknowledge(Cases.Command(clerk));
        await resolved.Grain.Reply(Cases.Command(clerk, "Crew on the way."));
        await resolved.Grain.Resolve(Cases.Command(clerk, "Pipe fixed."));
        var returned = await NewCase();
        await returned.Grain.Return(Cases.Command(clerk, "Private pipe: not ours."));
        var closed = await NewCase();
        await closed.Grain.Acknowledge(Cases.Command(clerk));
        await closed.Grain.Start(Cases.Command(clerk));
        await closed.Grain.Reply(Cases.Command(clerk, "Crew on the way."));
        await closed.Grain.Resolve(Cases.Command(clerk, "Pipe fixed."));
        await closed.Grain.Close(Cases.Command(agent));
        var reopened = await NewCase();
        await reopened.Grain.Acknowledge(Cases.Command(clerk));
        await reopened.Grain.Reply(Cases.Command(clerk, "Crew on the way."));
        await reopened.Grain.Resolve(Cases.Command(clerk, "Pipe fixed."));
        await reopened.Grain.Reopen(Cases.Command(agent, "Water is off again."));

        var all = new[] { routedOnly, acknowledged, replied, resolved, returned, closed, reopened }.Select(c => c.Id).ToArray();
        var months = await DepartmentStatsReader.AssignmentMonths(fixture.Grains, fixture.City, all);
        var counts = await DepartmentStatsReader.Sum(department, months);

        Assert.Equal(new Counts(Received: 7, Acknowledged: 5, Replied: 4, Resolved: 2, Returned: 1, Reopened: 1, Withdrawn: 0), counts);
        if (months.Length == 1)
        {
            var stats = await department.GetStats(months[0]);
            Assert.Equal((Department, months[0]), (stats.DepartmentId, stats.Month));
            Assert.Equal(0.6667, stats.ReplyRate);      // 4 ÷ (7 − 1)
            Assert.Equal(0.3333, stats.ResolutionRate); // 2 ÷ (7 − 1)
        }

        var inbox = (await department.GetInbox()).Where(i => !inboxBefore.Contains(i.CaseId)).ToArray();
        Assert.Equal(new[] { routedOnly.Id, acknowledged.Id, replied.Id, reopened.Id }.Order(), inbox.Select(i => i.CaseId).Order());
        Assert.Equal(
            [(routedOnly.Id, CaseStatus.Dispatched), (acknowledged.Id, CaseStatus.Acknowledged), (replied.Id, CaseStatus.Replied), (reopened.Id, CaseStatus.Reopened)],
            inbox.Select(i => (i.CaseId, i.Status)).OrderBy(i => Array.IndexOf(all, i.CaseId)));
    }

    [Fact]
    public async Task An_override_dispatch_counts_as_withdrawn_for_the_department_that_lost_the_case()
    {
        // air-pollution in zhongyuan → city-environment; override to zhongyuan-government.
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var loser = fixture.Grains.GetGrain<IDepartmentGrain>("city-environment");
        var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("air-pollution", "zhongyuan")));
        Assert.Equal("city-environment", receipt.DepartmentId);
        var months = await DepartmentStatsReader.AssignmentMonths(fixture.Grains, fixture.City, [id]);
        var before = await DepartmentStatsReader.Sum(loser, months);

        await grain.Dispatch(Cases.Dispatch(Cases.NewAgent(), "zhongyuan-government", "District handles this factory."));

        var delta = (await DepartmentStatsReader.Sum(loser, months)).Minus(before);
        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, Withdrawn: 1), delta);
        Assert.DoesNotContain(await loser.GetInbox(), i => i.CaseId == id);
        Assert.Contains(await fixture.Grains.GetGrain<IDepartmentGrain>("zhongyuan-government").GetInbox(), i => i.CaseId == id);
    }
}
