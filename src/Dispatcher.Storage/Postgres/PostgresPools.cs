using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// Every silo holds two Npgsql pools: one for Orleans' providers (grain state, reminders,
/// membership) and one for our own queries (case index, reconciler, health). Both are capped so
/// that silos × (storage + index) stays under the server's max_connections: without a cap a surge
/// on three silos opens hundreds of connections and PostgreSQL refuses the rest ("too many
/// clients"), where a capped pool makes the extra work wait its turn instead.
/// A "Maximum Pool Size" written into the connection string itself wins over these settings.
/// </summary>
public static class PostgresPools
{
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Dispatcher")
        ?? throw new InvalidOperationException("Dispatcher:Storage=Postgres needs ConnectionStrings:Dispatcher.");

    public static string ForStorage(IConfiguration configuration, PostgresSettings settings) =>
        WithPool(ConnectionString(configuration), settings.StoragePoolSize, "orleans");

    /// <summary>
    /// Membership gets a small pool of its own: when a surge has every storage connection busy, a
    /// silo must still be able to write its I-am-alive row and read the table, or the cluster would
    /// start declaring healthy silos dead.
    /// </summary>
    public static string ForMembership(IConfiguration configuration) =>
        WithPool(ConnectionString(configuration), MembershipPoolSize, "orleans-membership");

    public const int MembershipPoolSize = 4;

    public static string ForIndex(IConfiguration configuration, PostgresSettings settings) =>
        WithPool(ConnectionString(configuration), settings.IndexPoolSize, "dispatcher");

    private static string WithPool(string connectionString, int size, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = size;
        // Distinct application names also make the two pools distinct and visible in pg_stat_activity.
        builder.ApplicationName ??= applicationName;
        // The providers send the same few statements all day: let Npgsql prepare them on the server
        // once per connection instead of parsing and planning each one again (unless set explicitly).
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        // Nothing here changes session state, so a pooled connection need not be reset on return.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
