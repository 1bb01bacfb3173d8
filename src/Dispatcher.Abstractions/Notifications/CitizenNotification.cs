namespace Dispatcher.Abstractions.Notifications;

/// <summary>The moments a citizen hears about their case (R6).</summary>
[GenerateSerializer, Alias("dispatcher.citizen-message-kind")]
public enum CitizenMessageKind
{
    /// <summary>The case was taken: its tracking number and how to look it up.</summary>
    Received,
    /// <summary>The department replied.</summary>
    Replied,
    /// <summary>The case was resolved (by the department or a partner line).</summary>
    Resolved,
    /// <summary>The case was reopened.</summary>
    Reopened,
}

/// <summary>How a notification reaches the citizen.</summary>
[GenerateSerializer, Alias("dispatcher.notification-channel")]
public enum NotificationChannel
{
    /// <summary>A text message, handed to the SMS gateway's webhook.</summary>
    Sms,
    /// <summary>An e-mail, sent over SMTP.</summary>
    Email,
}

/// <summary>
/// One message to one citizen through one channel, rendered when the case event happened.
/// <paramref name="Id"/> ("{case}:{history sequence}:{channel}") is unique: receivers use it to
/// ignore a message delivered twice, and the queue ignores it when it is enqueued twice.
/// </summary>
/// <param name="Address">The phone number or e-mail address.</param>
/// <param name="TemplateId">The template's id (e.g. <c>case-replied</c>), for gateways that hold their own texts.</param>
/// <param name="Parameters">The values the template was rendered with.</param>
[GenerateSerializer, Immutable, Alias("dispatcher.citizen-notification")]
public sealed record CitizenNotification(
    [Id(0)] string Id,
    [Id(1)] string CaseId,
    [Id(2)] CitizenMessageKind Kind,
    [Id(3)] NotificationChannel Channel,
    [Id(4)] string Address,
    [Id(5)] string Language,
    [Id(6)] string TemplateId,
    [Id(7)] Dictionary<string, string> Parameters,
    [Id(8)] string Subject,
    [Id(9)] string Text,
    [Id(10)] DateTimeOffset CreatedAt);
