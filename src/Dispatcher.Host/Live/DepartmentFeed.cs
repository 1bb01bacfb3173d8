using System.Collections.Concurrent;
using System.Threading.Channels;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Departments;
using Orleans.Streams;

namespace Dispatcher.Host.Live;

/// <summary>
/// The console's live updates come from the department streams (ADR-025): this silo subscribes to
/// a department's stream once, the first time a page asks for it, and fans each event out to the
/// pages listening here — so a hundred open pages cost one stream subscription per department, not
/// a hundred, and nothing ever polls a case. A slow page loses its oldest events (it reloads its
/// list on the next one anyway) instead of holding the stream up.
/// </summary>
public sealed class DepartmentFeed(IClusterClient cluster)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Topic>>> _topics = new(StringComparer.Ordinal);

    /// <summary>Events of these departments until the returned handle is disposed.</summary>
    public async Task<Listener> Listen(IEnumerable<string> departmentIds)
    {
        var channel = Channel.CreateBounded<DepartmentEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var topics = new List<Topic>();
        foreach (var id in departmentIds) topics.Add(await _topics.GetOrAdd(id, key => new Lazy<Task<Topic>>(() => Subscribe(key))).Value);
        var listener = new Listener(channel, topics);
        foreach (var topic in topics) topic.Listeners[listener] = channel.Writer;
        return listener;
    }

    private async Task<Topic> Subscribe(string departmentId)
    {
        var topic = new Topic();
        var stream = cluster.GetStreamProvider(DispatcherNames.StreamProvider)
            .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, departmentId));
        await stream.SubscribeAsync((e, _) =>
        {
            foreach (var writer in topic.Listeners.Values) writer.TryWrite(e);
            return Task.CompletedTask;
        });
        return topic;
    }

    public sealed class Topic
    {
        public ConcurrentDictionary<Listener, ChannelWriter<DepartmentEvent>> Listeners { get; } = new();
    }

    /// <summary>One page's share of the feed.</summary>
    public sealed class Listener(Channel<DepartmentEvent> channel, IReadOnlyList<Topic> topics) : IDisposable
    {
        public ChannelReader<DepartmentEvent> Events => channel.Reader;

        public void Dispose()
        {
            foreach (var topic in topics) topic.Listeners.TryRemove(this, out _);
            channel.Writer.TryComplete();
        }
    }
}
