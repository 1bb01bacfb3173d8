using Dispatcher.Abstractions.Notifications;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Notifications;

/// <summary>Notification log messages: ids, channels and error types only — never an address or a text (R14).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Notification {NotificationId} ({Channel}): attempt {Attempt} failed ({Error}); retrying with back-off")]
    public static partial void NotificationAttemptFailed(this ILogger logger, string notificationId, NotificationChannel channel, int attempt, string error);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Notification {NotificationId} ({Channel}) was refused by the receiver as malformed; not retried")]
    public static partial void NotificationRejected(this ILogger logger, string notificationId, NotificationChannel channel);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Notification {NotificationId} ({Channel}) given up after {Attempts} failed attempts (last: {Error})")]
    public static partial void NotificationGivenUp(this ILogger logger, string notificationId, NotificationChannel channel, int attempts, string? error);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Notification queue {Partition}: sending round failed; the next round retries")]
    public static partial void NotificationPumpFailed(this ILogger logger, Exception ex, string partition);
}
