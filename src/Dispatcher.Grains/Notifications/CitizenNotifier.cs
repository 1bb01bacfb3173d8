using Dispatcher.Abstractions.Notifications;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Notifications;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Notifications;

/// <summary>
/// The case grain's side of citizen notifications (ADR-026): which stored transitions put a citizen
/// notice in the outbox (the rule is <see cref="CitizenMessages"/>), and handing a notice's messages
/// to the queue partition of its case.
/// </summary>
public sealed class CitizenNotifier(IOptions<NotificationOptions> options, CityDirectory city)
{
    private readonly IReadOnlySet<NotificationChannel> _channels = options.Value.EnabledChannels();
    private readonly int _partitions = options.Value.Partitions;

    public IEnumerable<PendingNotice> NoticesAfter(CaseState state, long afterSequence) =>
        _channels.Count == 0 ? [] : CitizenMessages.NoticesAfter(state, afterSequence, _channels);

    /// <summary>Durable once this returns: the queue has stored the messages (or there are none to send).</summary>
    public Task Hand(IGrainFactory grains, CaseState state, PendingNotice pending)
    {
        if (pending.Target.CitizenMessage is not { } kind) throw new ArgumentException($"{pending.StoredTarget} is not a citizen notice.", nameof(pending));
        var messages = CitizenMessages.Compose(state, kind, pending.Notice, city, _channels);
        return messages.Count == 0 ? Task.CompletedTask : grains.GetGrain<INotificationQueueGrain>(PartitionOf(state.Id, _partitions)).Enqueue(messages);
    }

    /// <summary>A case's partition: FNV-1a of its id (string.GetHashCode differs between processes).</summary>
    public static string PartitionOf(string caseId, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in caseId) hash = (hash ^ c) * 16777619u;
        return (hash % (uint)partitions).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
