using Dispatcher.Abstractions.Agents;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AgentTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_agent_signs_in_and_out()
    {
        var agent = fixture.Grains.GetGrain<IAgentGrain>(Cases.NewAgent().Id);

        Assert.Equal(AgentStatus.SignedOut, (await agent.Get()).Status);

        var signedIn = await agent.SignIn();
        Assert.Equal(AgentStatus.Available, signedIn.Status);
        Assert.NotNull(signedIn.SignedInAt);
        Assert.Equal(signedIn.SignedInAt, (await agent.SignIn()).SignedInAt);

        var signedOut = await agent.SignOut();
        Assert.Equal((AgentStatus.SignedOut, (DateTimeOffset?)null), (signedOut.Status, signedOut.SignedInAt));
    }

    [Fact]
    public async Task A_case_submitted_by_an_agent_counts_once_for_that_agent()
    {
        var actor = Cases.NewAgent();
        var agent = fixture.Grains.GetGrain<IAgentGrain>(actor.Id);
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);

        await grain.Submit(new SubmitCase(actor, Cases.Intake("road-damage", "huiji")));
        await grain.Submit(new SubmitCase(actor, Cases.Intake("road-damage", "huiji")));

        var view = await agent.Get();
        Assert.Equal((1, 1), (view.CasesTakenToday, view.CasesTakenTotal));
        Assert.Equal(actor.Id, (await grain.Get()).TakenByAgent);

        await fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId()).Submit(new SubmitCase(actor, Cases.Intake("road-damage", "huiji")));
        Assert.Equal(2, (await agent.Get()).CasesTakenTotal);
    }

    [Fact]
    public async Task A_case_submitted_by_a_channel_counts_for_no_agent()
    {
        var grain = fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId());
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("road-damage", "huiji")));
        Assert.Null((await grain.Get()).TakenByAgent);
    }

    [Fact]
    public async Task A_busy_agent_counts_every_case_and_still_ignores_a_retried_one()
    {
        // The agent keeps only its last few case ids (a bounded write on a busy day): counting must not depend on the list.
        var agent = fixture.Grains.GetGrain<IAgentGrain>(Cases.NewAgent().Id);
        var ids = Enumerable.Range(0, 100).Select(_ => Cases.NewId()).ToList();
        foreach (var id in ids) await agent.RecordCaseTaken(id);
        await agent.RecordCaseTaken(ids[^1]);
        await agent.RecordCaseTaken(ids[^20]);

        var view = await agent.Get();
        Assert.Equal((100, 100), (view.CasesTakenToday, view.CasesTakenTotal));
    }

    [Fact]
    public async Task A_case_stored_before_its_intake_failed_still_counts_for_the_agent_when_the_intake_is_retried()
    {
        var actor = new Dispatcher.Abstractions.Actor(Dispatcher.Abstractions.ActorKind.Agent, FlakyAgentFilter.Prefix + Guid.NewGuid().ToString("N")[..8]);
        var grain = fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId());
        var submit = new SubmitCase(actor, Cases.Intake("road-damage", "huiji"), CallStartedAt: DateTimeOffset.UtcNow.AddMinutes(-3));

        await Assert.ThrowsAsync<TimeoutException>(() => grain.Submit(submit));
        Assert.Equal(actor.Id, (await grain.Get()).TakenByAgent);

        var retried = await grain.Submit(submit);

        Assert.False(retried.Created);
        var view = await fixture.Grains.GetGrain<IAgentGrain>(actor.Id).Get();
        Assert.Equal((1, 1), (view.CasesTakenToday, view.CasesTakenTotal));
        Assert.NotNull(view.AverageHandlingSecondsToday);
    }
}
