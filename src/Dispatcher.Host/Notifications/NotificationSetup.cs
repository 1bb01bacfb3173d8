using Dispatcher.Grains.Hosting;
using Dispatcher.Grains.Notifications;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Notifications;

/// <summary>The senders of the channels the configuration turns on (ADR-026).</summary>
public static class NotificationSetup
{
    public static IServiceCollection AddCitizenNotificationSenders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(settings.Webhook.Url))
        {
            services.AddHttpClient(WebhookNotificationSender.ClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhook.Timeout);
            services.AddSingleton<INotificationSender, WebhookNotificationSender>();
        }
        if (!string.IsNullOrWhiteSpace(settings.Smtp.Host)) services.AddSingleton<INotificationSender, SmtpNotificationSender>();
        return services;
    }
}
