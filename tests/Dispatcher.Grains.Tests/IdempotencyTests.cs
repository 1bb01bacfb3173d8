using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Grains.Tests;

/// <summary>Orleans delivers at most once, so clients retry: a retry must change nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    // heating → city-housing; no other test routes cases there.
    private const string Department = "city-housing";

    [Fact]
    public async Task The_same_request_id_twice_returns_the_same_result_and_moves_the_counters_once()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var departmentGrain = fixture.Grains.GetGrain<IDepartmentGrain>(Department);
        var clerk = Cases.DepartmentUser(Department);
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "jinshui")));
        var months = await DepartmentStatsReader.AssignmentMonths(fixture.Grains, fixture.City, [id]);
        var before = await DepartmentStatsReader.Sum(departmentGrain, months);

        var ack = new CaseCommand("ack-" + id, clerk);
        var first = await grain.Acknowledge(ack);
        var second = await grain.Acknowledge(ack);
        var reply = new CaseCommand("reply-" + id, clerk, "We will send someone.");
        var firstReply = await grain.Reply(reply);
        var secondReply = await grain.Reply(reply);
        var ackAfterReply = await grain.Acknowledge(ack);

        Assert.Equal(first, second);
        Assert.Equal(first, ackAfterReply);
        Assert.Equal(firstReply, secondReply);
        var view = await grain.Get();
        Assert.Equal(4, view.History.Count);
        Assert.Equal(CaseStatus.Replied, view.Status);

        var delta = (await DepartmentStatsReader.Sum(departmentGrain, months)).Minus(before);
        Assert.Equal(new Counts(Received: 0, Acknowledged: 1, Replied: 1, Resolved: 0, Returned: 0, Reopened: 0, Withdrawn: 0), delta);
    }

    [Fact]
    public async Task Submitting_twice_to_the_same_case_id_returns_created_false_and_counts_once()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var departmentGrain = fixture.Grains.GetGrain<IDepartmentGrain>(Department);
        var now = DateTimeOffset.UtcNow;
        var months = new[] { fixture.City.MonthOf(now.AddMinutes(-1)), fixture.City.MonthOf(now.AddMinutes(5)) }.Distinct().ToArray();
        var before = await DepartmentStatsReader.Sum(departmentGrain, months);

        var first = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));
        var second = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));

        Assert.True(first.Created, "the first submit creates the case");
        Assert.False(second.Created, "a repeated submit must report the existing case");
        Assert.Equal(first with { Created = false }, second);
        Assert.Equal(2, (await grain.Get()).History.Count);
        var delta = (await DepartmentStatsReader.Sum(departmentGrain, months)).Minus(before);
        Assert.Equal(1, delta.Received);
        Assert.Equal(1, (await departmentGrain.GetInbox()).Count(i => i.CaseId == id));
    }
}
