using Dispatcher.Tests.Shared;
using Dispatcher.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Api.Tests.Notifications;

/// <summary>"Dispatcher:Notifications" is validated at start-up: a wrong setting stops the host and is named.</summary>
public sealed class NotificationSettingsValidationTests
{
    [Theory]
    [InlineData("Webhook:Url=ftp://gateway.example/sms", "Webhook:Url")]
    [InlineData("Webhook:Url=/relative", "Webhook:Url")]
    [InlineData("Smtp:From=not-an-address", "Smtp:From")]
    [InlineData("Smtp:Security=Sometimes", "Smtp:Security")]
    [InlineData("Partitions=0", "Partitions")]
    [InlineData("GiveUpAfter=00:00:00.1", "GiveUpAfter")]
    public async Task A_wrong_setting_stops_the_host_with_the_setting_named(string setting, string named)
    {
        await using var app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{FreePorts.Next()}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            "--Dispatcher:Notifications:Smtp:Host=127.0.0.1",
            "--Dispatcher:Notifications:Smtp:From=noreply@example.cn",
            $"--Dispatcher:Notifications:{setting}",
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains($"Dispatcher:Notifications:{named}", error.Message);
    }
}
