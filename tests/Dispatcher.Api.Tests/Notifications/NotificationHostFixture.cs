namespace Dispatcher.Api.Tests.Notifications;

/// <summary>
/// The dispatcher with both notification channels on, pointed at a real local SMS webhook receiver
/// and a real local SMTP server, with retries fast enough for a test (first retry after 200 ms,
/// give up after 4 s).
/// </summary>
public sealed class NotificationHostFixture : DispatcherHostFixture
{
    public const string GatewayToken = "test-gateway-token";
    public WebhookReceiver Webhook { get; private set; } = null!;
    public MailSink Mail { get; private set; } = null!;

    protected override async Task<string[]> ExtraArgs()
    {
        Webhook = await WebhookReceiver.Start();
        Mail = MailSink.Start();
        return
        [
            $"--Dispatcher:Notifications:Webhook:Url={Webhook.Url}",
            $"--Dispatcher:Notifications:Webhook:BearerToken={GatewayToken}",
            "--Dispatcher:Notifications:Smtp:Host=127.0.0.1",
            $"--Dispatcher:Notifications:Smtp:Port={Mail.Port}",
            "--Dispatcher:Notifications:Smtp:Security=None",
            "--Dispatcher:Notifications:Smtp:From=noreply@12345.zhengzhou.example",
            "--Dispatcher:Notifications:PumpInterval=00:00:00.1",
            "--Dispatcher:Notifications:FirstRetryDelay=00:00:00.2",
            "--Dispatcher:Notifications:MaxRetryDelay=00:00:00.5",
            "--Dispatcher:Notifications:GiveUpAfter=00:00:04",
        ];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhook.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationHostCollection : ICollectionFixture<NotificationHostFixture>
{
    public const string Name = "dispatcher host with notification receivers";
}
