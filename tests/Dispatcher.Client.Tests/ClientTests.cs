using System.Collections.Concurrent;
using System.Text;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Client.Tests;

[Collection(DispatcherCollection.Name)]
public sealed class ClientTests(DispatcherFixture fixture)
{
    private DispatcherClient Client => fixture.Client;

    [Fact]
    public async Task A_case_submitted_through_the_client_is_routed_and_can_be_read_back()
    {
        var receipt = await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel);

        Assert.True(receipt.Created, $"case {receipt.CaseId} should be new");
        Assert.Matches("^ZZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt.CaseId);
        Assert.Equal(("city-urban-management", "noise-city", CaseStatus.Dispatched), (receipt.DepartmentId, receipt.RuleId, receipt.Status));
        var view = await Client.GetCase(receipt.CaseId);
        Assert.Equal([CaseAction.Submit, CaseAction.Route], view.History.Select(h => h.Action));
        Assert.Contains(await Client.GetInbox("city-urban-management"), i => i.CaseId == receipt.CaseId);
    }

    [Fact]
    public async Task Submitting_twice_with_one_idempotency_key_returns_the_case_number_the_http_api_would_give()
    {
        var key = Guid.NewGuid().ToString();

        var first = await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel, key);
        var second = await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel, key);

        // The HTTP API derives the number from (API key name, Idempotency-Key) with the host's secret.
        var http = new TrackingNumbers("ZZ", Encoding.UTF8.GetBytes(DispatcherClientOptions.DemoTrackingSecret)).FromIdempotencyKey(Given.Channel.Id, key);
        Assert.Equal((http, true), (first.CaseId, first.Created));
        Assert.Equal((http, false), (second.CaseId, second.Created));
    }

    [Fact]
    public async Task A_department_subscriber_receives_the_assigned_event_of_a_new_case()
    {
        var events = new ConcurrentQueue<DepartmentEvent>();
        await using var subscription = await Client.SubscribeToDepartment("city-urban-management", e => { events.Enqueue(e); return Task.CompletedTask; });

        var receipt = await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel);

        await Given.Eventually(() => events.Any(e => e.CaseId == receipt.CaseId), $"the Assigned event of {receipt.CaseId} on city-urban-management");
        var assigned = events.Single(e => e.CaseId == receipt.CaseId);
        Assert.Equal(("city-urban-management", DepartmentNoticeKind.Assigned, 2L, "construction-noise", "erqi"),
            (assigned.DepartmentId, assigned.Kind, assigned.Sequence, assigned.Category, assigned.District));
    }

    [Fact]
    public async Task Department_commands_are_idempotent_through_their_request_id()
    {
        const string department = "city-urban-management";
        var clerk = new Actor(ActorKind.Department, "clerk", department);
        var id = (await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel)).CaseId;

        var ack = await Client.Acknowledge(id, clerk, null, "ack-1");
        var again = await Client.Acknowledge(id, clerk, null, "ack-1");
        await Client.Start(id, clerk, "crew on the way", "start-1");
        await Client.Reply(id, clerk, "Night work stopped; permit checked.", "reply-1");
        var resolved = await Client.Resolve(id, clerk, "Site fined.", "resolve-1");

        Assert.Equal(ack, again);
        Assert.Equal(CaseStatus.Resolved, resolved.To);
        var view = await Client.GetCase(id);
        Assert.Equal([CaseAction.Submit, CaseAction.Route, CaseAction.Acknowledge, CaseAction.Start, CaseAction.Reply, CaseAction.Resolve],
            view.History.Select(h => h.Action));
        Assert.DoesNotContain(await Client.GetInbox(department), i => i.CaseId == id);
    }

    [Fact]
    public async Task A_co_department_works_its_part_of_a_joint_case_through_the_client()
    {
        // The demo rule drain-roadworks-erqi: the water company leads, urban management and the district assist.
        const string co = "city-urban-management";
        var clerk = new Actor(ActorKind.Department, "clerk", co);
        var intake = Given.Intake("road-damage", "erqi") with { Attributes = new Dictionary<string, string> { ["cause"] = "blocked-drain" } };
        var id = (await Client.SubmitCase(intake, Given.Channel)).CaseId;

        var ack = await Client.CoPart(id, co, clerk, CoPartAction.Acknowledge, null, "co-ack-1");
        var again = await Client.CoPart(id, co, clerk, CoPartAction.Acknowledge, null, "co-ack-1");
        await Client.CoPart(id, co, clerk, CoPartAction.Reply, "Road works fenced off.", "co-reply-1");
        var outsider = new Actor(ActorKind.Department, "clerk", "city-housing");
        await Assert.ThrowsAsync<ForbiddenActionException>(() => Client.CoPart(id, co, outsider, CoPartAction.Reply, "Not ours.", "co-reply-2"));

        Assert.Equal(ack, again);
        var part = (await Client.GetCase(id)).CoDepartments!.Single(p => p.DepartmentId == co);
        Assert.Equal((CoPartStatus.Replied, "Road works fenced off."), (part.Status, part.Reply));
    }

    [Fact]
    public async Task A_dispatcher_makes_a_joint_case_through_the_client()
    {
        var agent = new Actor(ActorKind.Agent, "agent-li");
        var id = (await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel)).CaseId;

        await Client.Dispatch(id, agent, "city-water", "needs the water company to lead", "dispatch-1", ["erqi-government"]);

        var view = await Client.GetCase(id);
        Assert.Equal("city-water", view.DepartmentId);
        Assert.Equal(["erqi-government"], view.CoDepartments!.Select(p => p.DepartmentId));
    }
}
