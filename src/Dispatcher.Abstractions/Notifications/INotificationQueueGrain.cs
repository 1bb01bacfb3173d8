namespace Dispatcher.Abstractions.Notifications;

/// <summary>
/// One partition of the citizen-notification outbox (ADR-026): keeps what it accepted until it is
/// delivered or given up, retrying with back-off. Keyed by partition number ("0" … "N-1").
/// </summary>
[Alias("dispatcher.notification-queue")]
public interface INotificationQueueGrain : IGrainWithStringKey
{
    /// <summary>Durably accepts the notifications (ids seen before are ignored); sending happens afterwards.</summary>
    [Alias("enqueue")]
    Task Enqueue(IReadOnlyList<CitizenNotification> notifications);

    [Alias("stats")]
    Task<NotificationQueueStats> Stats();
}

/// <summary>What a queue partition holds and has done since it was created.</summary>
/// <param name="Rejected">Refused by the receiver as malformed (4xx): not retried.</param>
/// <param name="GivenUp">Still failing when they reached the give-up age.</param>
[GenerateSerializer, Immutable, Alias("dispatcher.notification-queue-stats")]
public sealed record NotificationQueueStats(
    [Id(0)] int Pending,
    [Id(1)] long Delivered,
    [Id(2)] long Rejected,
    [Id(3)] long GivenUp,
    [Id(4)] long FailedAttempts,
    [Id(5)] DateTimeOffset? OldestPendingAt);
