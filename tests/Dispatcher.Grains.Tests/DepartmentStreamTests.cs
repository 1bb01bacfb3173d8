using System.Collections.Concurrent;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Orleans.Streams;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DepartmentStreamTests(ClusterFixture fixture)
{
    /// <summary>A department system listening on its stream from the client side.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly ConcurrentQueue<DepartmentEvent> _events = new();
        private StreamSubscriptionHandle<DepartmentEvent>? _handle;

        public static async Task<Listener> Subscribe(IClusterClient client, string departmentId)
        {
            var listener = new Listener();
            var stream = client.GetStreamProvider(DispatcherNames.StreamProvider)
                .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, departmentId));
            listener._handle = await stream.SubscribeAsync((e, _) => { listener._events.Enqueue(e); return Task.CompletedTask; });
            return listener;
        }

        public DepartmentEvent[] For(string caseId) => _events.Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToArray();

        /// <summary>A case's events in the order they arrived, repeats included.</summary>
        public DepartmentEvent[] Arrived(string caseId) => _events.Where(e => e.CaseId == caseId).ToArray();

        public async Task<DepartmentEvent> WaitFor(string caseId, DepartmentNoticeKind kind, string departmentId)
        {
            await Cases.Eventually(() => Task.FromResult(For(caseId).Any(e => e.Kind == kind)), $"{kind} of case {caseId} on the stream of {departmentId}");
            return For(caseId).First(e => e.Kind == kind);
        }

        public async ValueTask DisposeAsync()
        {
            if (_handle is not null) await _handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task A_subscriber_receives_the_assigned_event_of_a_newly_routed_case()
    {
        // food-safety → city-market-regulation.
        await using var listener = await Listener.Subscribe(fixture.Client, "city-market-regulation");
        var id = Cases.NewId();

        await fixture.Grains.GetGrain<ICaseGrain>(id).Submit(new SubmitCase(Cases.Channel, Cases.Intake("food-safety", "jinshui")));

        var e = await listener.WaitFor(id, DepartmentNoticeKind.Assigned, "city-market-regulation");
        Assert.Equal(("city-market-regulation", id, 2L, "food-safety", "jinshui"), (e.DepartmentId, e.CaseId, e.Sequence, e.Category, e.District));
    }

    [Fact]
    public async Task Subscribers_receive_returned_arbitration_ruling_and_reopened_events()
    {
        const string first = "city-market-regulation", second = "city-public-security";
        await using var firstListener = await Listener.Subscribe(fixture.Client, first);
        await using var secondListener = await Listener.Subscribe(fixture.Client, second);
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var agent = Cases.NewAgent();

        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("food-safety", "erqi")));
        await grain.Return(Cases.Command(Cases.DepartmentUser(first), "A street vendor: police matter."));
        await firstListener.WaitFor(id, DepartmentNoticeKind.Returned, first);

        await grain.Dispatch(Cases.Dispatch(agent, second, "Street vendor."));
        await grain.Return(Cases.Command(Cases.DepartmentUser(second), "Food is market regulation."));
        await secondListener.WaitFor(id, DepartmentNoticeKind.SentToArbitration, second);

        await grain.Dispatch(Cases.Dispatch(Cases.Admin, first, "Food safety is yours."));
        var ruling = await firstListener.WaitFor(id, DepartmentNoticeKind.ArbitrationRuling, first);
        Assert.StartsWith("arbitration ruling", ruling.Note);

        var clerk = Cases.DepartmentUser(first);
        await grain.Acknowledge(Cases.Command(clerk));
        await grain.Reply(Cases.Command(clerk, "Vendor fined."));
        await grain.Resolve(Cases.Command(clerk, "Vendor gone."));
        await grain.Reopen(Cases.Command(agent, "Vendor is back."));
        await firstListener.WaitFor(id, DepartmentNoticeKind.Reopened, first);

        Assert.Equal(
            [DepartmentNoticeKind.Assigned, DepartmentNoticeKind.Returned, DepartmentNoticeKind.ArbitrationRuling, DepartmentNoticeKind.Acknowledged,
             DepartmentNoticeKind.Replied, DepartmentNoticeKind.Resolved, DepartmentNoticeKind.Reopened],
            firstListener.For(id).Select(e => e.Kind));
        Assert.Equal([DepartmentNoticeKind.Assigned, DepartmentNoticeKind.SentToArbitration], secondListener.For(id).Select(e => e.Kind));
    }

    [Fact]
    public async Task Notices_stored_together_reach_a_subscriber_each_once_and_each_case_in_order()
    {
        // Many intakes at once: the department stores them in shared writes and publishes each write as stream batches.
        const string department = "city-market-regulation";
        await using var listener = await Listener.Subscribe(fixture.Client, department);
        var ids = Enumerable.Range(0, 400).Select(_ => Cases.NewId()).ToArray();

        await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<ICaseGrain>(id)
            .Submit(new SubmitCase(Cases.Channel, Cases.Intake("food-safety", "jinshui") with { Address = $"Building {Guid.NewGuid():N}" }))));
        var clerk = Cases.DepartmentUser(department);
        await Task.WhenAll(ids.Take(100).Select(id => fixture.Grains.GetGrain<ICaseGrain>(id).Acknowledge(Cases.Command(clerk))));

        await Cases.Eventually(() => Task.FromResult(ids.All(id => listener.For(id).Length >= (Array.IndexOf(ids, id) < 100 ? 2 : 1))), "every event on the stream");
        Assert.All(ids.Take(100), id => Assert.Equal([DepartmentNoticeKind.Assigned, DepartmentNoticeKind.Acknowledged], listener.Arrived(id).Select(e => e.Kind)));
        Assert.All(ids.Skip(100), id => Assert.Equal([DepartmentNoticeKind.Assigned], listener.Arrived(id).Select(e => e.Kind)));
    }
}
