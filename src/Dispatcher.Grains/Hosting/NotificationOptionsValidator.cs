using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Hosting;

/// <summary>Checks "Dispatcher:Notifications" at start-up, naming each wrong setting.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public static readonly string[] SmtpSecurityModes = ["None", "StartTls", "StartTlsWhenAvailable", "SslOnConnect"];

    public ValidateOptionsResult Validate(string? name, NotificationOptions o)
    {
        var errors = new List<string>();
        const string s = NotificationOptions.Section;
        if (!string.IsNullOrWhiteSpace(o.Webhook.Url)
            && !(Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            errors.Add($"{s}:Webhook:Url must be an absolute http(s) URL.");
        if (o.Webhook.Timeout <= TimeSpan.Zero || o.Webhook.Timeout > TimeSpan.FromMinutes(2)) errors.Add($"{s}:Webhook:Timeout must be between 0 and 2 minutes.");
        if (!string.IsNullOrWhiteSpace(o.Smtp.Host))
        {
            if (o.Smtp.Port is < 1 or > 65535) errors.Add($"{s}:Smtp:Port must be 1–65535.");
            if (!System.Net.Mail.MailAddress.TryCreate(o.Smtp.From, out _)) errors.Add($"{s}:Smtp:From must be an e-mail address.");
            if (!SmtpSecurityModes.Contains(o.Smtp.Security)) errors.Add($"{s}:Smtp:Security must be one of {string.Join(", ", SmtpSecurityModes)}.");
            if (string.IsNullOrEmpty(o.Smtp.UserName) != string.IsNullOrEmpty(o.Smtp.Password)) errors.Add($"{s}:Smtp: set both UserName and Password, or neither.");
            if (o.Smtp.Timeout <= TimeSpan.Zero || o.Smtp.Timeout > TimeSpan.FromMinutes(2)) errors.Add($"{s}:Smtp:Timeout must be between 0 and 2 minutes.");
        }
        if (o.Partitions is < 1 or > 256) errors.Add($"{s}:Partitions must be 1–256.");
        if (o.MaxConcurrentSends is < 1 or > 64) errors.Add($"{s}:MaxConcurrentSends must be 1–64.");
        if (o.PumpInterval < TimeSpan.FromMilliseconds(50) || o.PumpInterval > TimeSpan.FromMinutes(1)) errors.Add($"{s}:PumpInterval must be between 00:00:00.05 and 00:01:00.");
        if (o.FirstRetryDelay <= TimeSpan.Zero || o.FirstRetryDelay > o.MaxRetryDelay) errors.Add($"{s}:FirstRetryDelay must be positive and at most MaxRetryDelay.");
        if (o.GiveUpAfter < o.FirstRetryDelay) errors.Add($"{s}:GiveUpAfter must be at least FirstRetryDelay.");
        if (o.WatchdogPeriod <= TimeSpan.Zero) errors.Add($"{s}:WatchdogPeriod must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
