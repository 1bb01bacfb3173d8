using Dispatcher.Abstractions.Notifications;

namespace Dispatcher.Grains.Hosting;

/// <summary>
/// Citizen notifications (R6, ADR-026; section "Dispatcher:Notifications"). A channel is on when its
/// sender is configured: SMS when <see cref="WebhookSettings.Url"/> is set, e-mail when
/// <see cref="SmtpSettings.Host"/> is. With neither (the default) no notification is made.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Dispatcher:Notifications";

    /// <summary>The SMS gateway's webhook.</summary>
    public WebhookSettings Webhook { get; set; } = new();

    /// <summary>The mail server for e-mail notifications.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Queue partitions (grains) the notifications of all cases are spread over.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Sends in flight at once per partition.</summary>
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>How often a partition with pending notifications looks for due ones.</summary>
    public TimeSpan PumpInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after the first failed attempt; doubled after each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A notification still failing this long after it was made is given up (and counted).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a partition's reminder checks that pending notifications are being sent (Orleans' minimum is 1 minute unless the silo lowers it).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlySet<NotificationChannel> EnabledChannels()
    {
        var channels = new HashSet<NotificationChannel>();
        if (!string.IsNullOrWhiteSpace(Webhook.Url)) channels.Add(NotificationChannel.Sms);
        if (!string.IsNullOrWhiteSpace(Smtp.Host)) channels.Add(NotificationChannel.Email);
        return channels;
    }

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = FirstRetryDelay.Ticks * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        return delay >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)delay);
    }
}

/// <summary>An HTTP webhook in the shape SMS gateways take: POST JSON with the phone, template id and parameters.</summary>
public sealed class WebhookSettings
{
    /// <summary>Absolute http(s) URL; unset turns SMS off.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? BearerToken { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>How e-mail leaves: an SMTP server (MailKit).</summary>
public sealed class SmtpSettings
{
    /// <summary>Unset turns e-mail off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, StartTlsWhenAvailable or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string From { get; set; } = "";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
