using Dispatcher.Host.Hosting;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.Configuration;

namespace Dispatcher.Api.Tests;

/// <summary>The pool sizes are validated at start-up (the pools themselves: Dispatcher.Storage.Tests).</summary>
public sealed class PostgresSettingsValidationTests
{
    [Fact]
    public void A_pool_size_outside_its_range_stops_the_host_with_a_named_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("ConnectionStrings:Dispatcher", "Host=127.0.0.1")]).Build();
        var options = new DispatcherHostOptions
        {
            Storage = StorageMode.Postgres,
            TrackingSecret = "a-long-enough-tracking-secret",
            Postgres = new PostgresSettings { StoragePoolSize = 0, IndexPoolSize = 10 },
        };
        var result = new DispatcherHostOptionsValidator(configuration).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Dispatcher:Postgres:StoragePoolSize", result.FailureMessage);
    }
}
