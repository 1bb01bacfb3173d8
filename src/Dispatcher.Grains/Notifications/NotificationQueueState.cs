using Dispatcher.Abstractions.Notifications;

namespace Dispatcher.Grains.Notifications;

/// <summary>A notification waiting to be sent, with its attempts so far.</summary>
[GenerateSerializer, Alias("dispatcher.queued-notification")]
public sealed class QueuedNotification
{
    [Id(0)] public required CitizenNotification Notification { get; init; }
    [Id(1)] public int FailedAttempts { get; set; }
    [Id(2)] public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Why the last attempt failed (an exception type and status, never the message's content).</summary>
    [Id(3)] public string? LastError { get; set; }
}

/// <summary>One queue partition's stored state: what is pending, what was recently finished, and the counts.</summary>
[GenerateSerializer, Alias("dispatcher.notification-queue-state")]
public sealed class NotificationQueueState
{
    /// <summary>Finished ids remembered so that a notification enqueued again after it was sent is not sent twice.</summary>
    public const int RecentCapacity = 10_000;

    [Id(0)] public List<QueuedNotification> Pending { get; set; } = [];
    [Id(1)] public List<string> Recent { get; set; } = [];
    [Id(2)] public long Delivered { get; set; }
    [Id(3)] public long Rejected { get; set; }
    [Id(4)] public long GivenUp { get; set; }
    [Id(5)] public long FailedAttempts { get; set; }

    public void Finished(string id)
    {
        Recent.Add(id);
        if (Recent.Count > RecentCapacity) Recent.RemoveRange(0, Recent.Count - RecentCapacity);
    }
}
