using Dispatcher.Tests.Shared;
using System.Diagnostics;
using Dispatcher.Storage.Postgres;

namespace Dispatcher.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaTests
{
    private static readonly string[] ProviderQueries =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "GatewaysQueryKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task The_schema_command_is_idempotent_and_records_its_version()
    {
        await using var db = await TestDatabase.Create(migrate: false);

        Assert.Contains("applied 020_case_service_scope.sql", await RunMigrateCommand(db.ConnectionString));
        var tables = await db.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        var queries = await db.Scalar<long>("SELECT count(*) FROM orleansquery");
        // The second run applies nothing: an earlier file run again would rebuild the indexes a later one replaced.
        var again = await RunMigrateCommand(db.ConnectionString);
        Assert.Contains("already applied 010_dispatcher_case_index.sql", again);
        Assert.DoesNotContain("\napplied", "\n" + again);

        Assert.Equal(tables, await db.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        Assert.Equal(queries, await db.Scalar<long>("SELECT count(*) FROM orleansquery"));
        Assert.Equal(SchemaMigrator.ExpectedVersion, await db.Scalar<int>("SELECT max(version) FROM dispatcher_schema_version"));
        var keys = await db.Column("SELECT querykey FROM orleansquery");
        Assert.All(ProviderQueries, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task A_silo_refuses_to_start_on_a_database_without_the_schema_and_says_what_to_run()
    {
        await using var db = await TestDatabase.Create(migrate: false);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.Start(db.ConnectionString, "no-schema"));

        Assert.Contains("schema is missing", failure.Message);
        Assert.Contains("migrate", failure.Message);
    }

    [Fact]
    public async Task A_silo_refuses_to_start_when_the_database_is_unreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=nobody;Password=x;Database=none;Timeout=3";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.Start(unreachable, "no-db"));

        Assert.Contains("unreachable", failure.Message);
    }

    /// <summary>The README's schema command, run as a user would: the host binary with the migrate verb.</summary>
    private static async Task<string> RunMigrateCommand(string connectionString)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = SiloProcess.HostFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(SiloProcess.HostFolder, "Dispatcher.Host.dll"));
        info.ArgumentList.Add("migrate");
        info.ArgumentList.Add($"--ConnectionStrings:Dispatcher={connectionString}");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("schema version", output);
        return output;
    }
}
