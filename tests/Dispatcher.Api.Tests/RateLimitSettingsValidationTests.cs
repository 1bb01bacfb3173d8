using Dispatcher.Tests.Shared;
using Dispatcher.Host.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Api.Tests;

/// <summary>The rate limits are validated at start-up: a host with a limit below one never starts.</summary>
public sealed class RateLimitSettingsValidationTests
{
    [Theory]
    [InlineData("PublicLookupPerClientPerMinute")]
    [InlineData("PublicLookupPerCasePerHour")]
    public async Task A_rate_limit_below_one_stops_the_host_with_the_setting_named(string setting)
    {
        await using var app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{FreePorts.Next()}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            $"--Dispatcher:RateLimits:{setting}=0",
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains($"Dispatcher:RateLimits:{setting}", error.Message);
    }
}
