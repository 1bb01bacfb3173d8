using Dispatcher.Abstractions.Notifications;
using Dispatcher.Grains.Hosting;
using Dispatcher.Grains.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dispatcher.Host.Notifications;

/// <summary>
/// E-mail through an SMTP server (MailKit). The message id is derived from the notification id, so a
/// resent message can be recognised as the same one. A permanent refusal of the recipient (5xx) is not
/// retried; connection failures and temporary refusals are.
/// </summary>
public sealed class SmtpNotificationSender(IOptions<NotificationOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<DeliveryResult> Send(CitizenNotification n, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(n.Address));
        message.Subject = n.Subject;
        message.MessageId = $"{n.Id.Replace(':', '.')}@{MailboxAddress.Parse(settings.From).Domain}";
        message.Headers.Add("X-Dispatcher-Notification", n.Id);
        message.Body = new TextPart("plain") { Text = n.Text };

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host!, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security), cancellationToken);
        try
        {
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            return DeliveryResult.Delivered;
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            return DeliveryResult.Rejected;
        }
        finally
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
    }
}
