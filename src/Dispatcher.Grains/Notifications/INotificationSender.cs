using Dispatcher.Abstractions.Notifications;

namespace Dispatcher.Grains.Notifications;

/// <summary>What became of one attempt to send.</summary>
public enum DeliveryResult
{
    Delivered,
    /// <summary>The receiver refused the message itself (e.g. HTTP 400): sending it again cannot help.</summary>
    Rejected,
}

/// <summary>
/// Sends one channel's notifications (the host provides the webhook and SMTP senders). Throwing means
/// "failed this time": the queue retries with back-off.
/// </summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task<DeliveryResult> Send(CitizenNotification notification, CancellationToken cancellationToken);
}
