using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.DepartmentConnector;

namespace Dispatcher.Client.Tests;

/// <summary>
/// The department connector against the real dispatcher. Each test owns its department, so one
/// test's cases never show up in another's inbox. A fresh <see cref="HandledLog"/> per worker
/// stands for a process restart: only the dispatcher's state is carried over.
/// </summary>
[Collection(DispatcherCollection.Name)]
public sealed class ConnectorTests(DispatcherFixture fixture)
{
    private DispatcherClient Client => fixture.Client;

    private DepartmentWorker Worker(string department, bool autoAcknowledge = true, HandledLog? handled = null) =>
        new(Client, new ConnectorSettings { Department = department, AutoAcknowledge = autoAcknowledge }, handled ?? new HandledLog());

    private async Task<DepartmentWorker> Started(string department, bool autoAcknowledge = true)
    {
        var worker = Worker(department, autoAcknowledge);
        await worker.StartAsync();
        await Given.Eventually(() => worker.Reconciliations >= 1, $"the first reconciliation of {department}");
        return worker;
    }

    /// <summary>Routed elsewhere first, then sent to the department by an admin: the dispatcher's override path.</summary>
    private async Task<string> DispatchTo(string department)
    {
        var id = (await Client.SubmitCase(Given.Intake("construction-noise", "erqi"), Given.Channel)).CaseId;
        await Client.Dispatch(id, Given.Admin, department, "test dispatch", $"dispatch-{id}");
        return id;
    }

    private async Task AssertAcknowledgedOnce(string caseId, string department)
    {
        var view = await Client.GetCase(caseId);
        var acks = view.History.Where(h => h.Action == CaseAction.Acknowledge).ToArray();
        Assert.True(acks.Length == 1, $"case {caseId} should have exactly one acknowledge entry, has {acks.Length}");
        Assert.Equal((CaseStatus.Acknowledged, department, $"{department}-connector"), (view.Status, view.DepartmentId, acks[0].Actor.Id));
    }

    private static void AssertHandledOnce(DepartmentWorker worker, IEnumerable<string> caseIds)
    {
        foreach (var id in caseIds)
        {
            var times = worker.Handled.Count(h => h.CaseId == id);
            Assert.True(times == 1, $"the worker should report case {id} handled once, reported {times}");
        }
    }

    [Fact]
    public async Task A_restarted_connector_acknowledges_what_arrived_while_it_was_offline_exactly_once_and_live_cases_from_the_stream()
    {
        const string department = "jinshui-environment";
        var first = await Started(department);
        await first.StopAsync();

        var offline = new List<string>();
        for (var i = 0; i < 4; i++) offline.Add((await Client.SubmitCase(Given.JinshuiNoise(), Given.Channel)).CaseId);
        offline.Add(await DispatchTo(department));
        Assert.DoesNotContain(first.Handled, h => offline.Contains(h.CaseId));

        await using var second = Worker(department);
        await second.StartAsync();
        await Given.Eventually(() => offline.All(id => second.Handled.Any(h => h.CaseId == id)), "the offline cases handled after the restart");
        Assert.All(second.Handled.Where(h => offline.Contains(h.CaseId)), h => Assert.Equal(("acknowledged", HandledVia.Reconciliation), (h.Outcome, h.Via)));

        var live = (await Client.SubmitCase(Given.JinshuiNoise(), Given.Channel)).CaseId;
        await Given.Eventually(() => second.Handled.Any(h => h.CaseId == live), $"live case {live} handled");
        Assert.Equal(("acknowledged", HandledVia.Stream), second.Handled.Where(h => h.CaseId == live).Select(h => (h.Outcome, h.Via)).Single());

        await second.StopAsync();
        string[] all = [.. offline, live];
        AssertHandledOnce(second, all);
        foreach (var id in all) await AssertAcknowledgedOnce(id, department);

        // A second restart finds nothing left to do.
        var third = await Started(department);
        await third.StopAsync();
        Assert.Empty(third.Handled);
        foreach (var id in all) await AssertAcknowledgedOnce(id, department);
    }

    [Fact]
    public async Task Two_connectors_of_one_department_acknowledge_each_case_once_through_the_deterministic_request_id()
    {
        const string department = "huiji-government";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await DispatchTo(department));

        await using var a = Worker(department);
        await using var b = Worker(department);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Given.Eventually(() => a.Reconciliations >= 1 && b.Reconciliations >= 1, "both first reconciliations");

        foreach (var id in ids) await AssertAcknowledgedOnce(id, department);
        AssertHandledOnce(a, ids.Where(id => a.Handled.Any(h => h.CaseId == id)));
        Assert.All(ids, id => Assert.Contains(a.Handled.Concat(b.Handled), h => h.CaseId == id));
    }

    [Fact]
    public async Task After_a_reconnect_the_connector_renews_its_subscription_and_reconciles_without_handling_anything_twice()
    {
        const string department = "shangjie-government";
        var before = await DispatchTo(department);
        await using var worker = await Started(department);
        await Given.Eventually(() => worker.Handled.Any(h => h.CaseId == before), $"case {before} handled");
        var passes = worker.Reconciliations;

        Client.Connection.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        await Given.Eventually(() => worker.Reconciliations > passes, "the reconciliation after the reconnect");
        var after = await DispatchTo(department);
        await Given.Eventually(() => worker.Handled.Any(h => h.CaseId == after), $"case {after} handled from the renewed subscription");

        Assert.Equal(HandledVia.Stream, worker.Handled.Single(h => h.CaseId == after).Via);
        AssertHandledOnce(worker, [before, after]);
        await AssertAcknowledgedOnce(before, department);
        await AssertAcknowledgedOnce(after, department);
    }

    [Fact]
    public async Task Without_auto_acknowledge_the_connector_reports_new_cases_and_leaves_them_dispatched()
    {
        const string department = "guancheng-government";
        await using var worker = await Started(department, autoAcknowledge: false);

        var id = await DispatchTo(department);
        await Given.Eventually(() => worker.Handled.Any(h => h.CaseId == id), $"case {id} reported");

        Assert.StartsWith("received", worker.Handled.Single(h => h.CaseId == id).Outcome);
        Assert.Equal(CaseStatus.Dispatched, (await Client.GetCase(id)).Status);
    }

    [Theory]
    [InlineData(new[] { "--department", "jinshui-environment" }, "jinshui-environment", "127.0.0.1", 30611, false)]
    [InlineData(new[] { "--department", "huiji-government", "--gateway", "10.0.0.5:40000", "--cluster-id", "c", "--service-id", "s", "--auto-acknowledge" },
        "huiji-government", "10.0.0.5", 40000, true)]
    public void The_command_line_selects_department_gateway_and_auto_acknowledge(string[] args, string department, string host, int port, bool auto)
    {
        var settings = ConnectorSettings.Parse(args);

        Assert.Equal((department, host, port, auto), (settings.Department, settings.Client.GatewayHost, settings.Client.GatewayPort, settings.AutoAcknowledge));
        Assert.Equal(new Actor(ActorKind.Department, $"{department}-connector", department), settings.Actor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--department")]
    [InlineData("--department x --gateway nohostport")]
    [InlineData("--department x --frobnicate")]
    public void A_bad_command_line_is_refused_with_a_message(string commandLine) =>
        Assert.Throws<ArgumentException>(() => ConnectorSettings.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
