using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Dispatcher.Storage.Tests;

/// <summary>Each silo's two PostgreSQL pools are capped, so silos × pools stays under max_connections.</summary>
public sealed class PostgresPoolTests
{
    private static IConfiguration With(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dispatcher"] = connectionString }).Build();

    [Fact]
    public void The_configured_sizes_cap_the_storage_and_index_pools_separately()
    {
        var configuration = With("Host=127.0.0.1;Database=dispatcher;Username=dispatcher");
        var settings = new PostgresSettings { StoragePoolSize = 12, IndexPoolSize = 5 };

        var storage = new NpgsqlConnectionStringBuilder(PostgresPools.ForStorage(configuration, settings));
        var index = new NpgsqlConnectionStringBuilder(PostgresPools.ForIndex(configuration, settings));

        Assert.Equal(12, storage.MaxPoolSize);
        Assert.Equal(5, index.MaxPoolSize);
        var membership = new NpgsqlConnectionStringBuilder(PostgresPools.ForMembership(configuration));
        Assert.Equal(PostgresPools.MembershipPoolSize, membership.MaxPoolSize);
        // Three pools, not one shared: a surge that takes every storage connection cannot starve membership.
        Assert.Equal(3, new[] { storage.ConnectionString, index.ConnectionString, membership.ConnectionString }.Distinct().Count());
        Assert.Equal("dispatcher", storage.Database);
        Assert.Equal((64, true), (storage.MaxAutoPrepare, storage.NoResetOnClose)); // the providers' statements are prepared once per connection
    }

    [Fact]
    public void A_pool_size_written_in_the_connection_string_wins()
    {
        var configuration = With("Host=127.0.0.1;Database=dispatcher;Maximum Pool Size=7");
        var storage = new NpgsqlConnectionStringBuilder(PostgresPools.ForStorage(configuration, new PostgresSettings()));
        Assert.Equal(7, storage.MaxPoolSize);
    }
}
