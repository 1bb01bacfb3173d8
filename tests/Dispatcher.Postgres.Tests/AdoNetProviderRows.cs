using Dispatcher.Storage.Postgres;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// A database as an earlier build left it, for migration tests: the schema up to a script, and grain
/// rows written through the ADO.NET provider's own query (WriteToStorageKey), binary payloads (ADR-019).
/// </summary>
public sealed class AdoNetProviderRows(NpgsqlConnection connection, string writeSql)
{
    /// <summary>Applies every script numbered below <paramref name="firstNotApplied"/> (e.g. "022").</summary>
    public static async Task<AdoNetProviderRows> SchemaBefore(NpgsqlConnection connection, string firstNotApplied)
    {
        foreach (var script in SchemaMigrator.Scripts().Where(s => string.CompareOrdinal(Path.GetFileName(s), firstNotApplied) < 0))
        {
            await using var apply = new NpgsqlCommand(await File.ReadAllTextAsync(script), connection);
            await apply.ExecuteNonQueryAsync();
        }
        await using var query = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'", connection);
        return new AdoNetProviderRows(connection, (string)(await query.ExecuteScalarAsync())!);
    }

    /// <summary>One write of a string-keyed grain's state from <paramref name="version"/> (null: the first); asserts the version it stored.</summary>
    public async Task Write(string stateName, string key, string serviceId, int? version, byte[] payload)
    {
        await using var write = new NpgsqlCommand(writeSql, connection);
        write.Parameters.AddWithValue("GrainIdHash", 42);
        write.Parameters.AddWithValue("GrainIdN0", 0L);
        write.Parameters.AddWithValue("GrainIdN1", 0L);
        write.Parameters.AddWithValue("GrainTypeHash", stateName.Length);
        write.Parameters.AddWithValue("GrainTypeString", stateName);
        write.Parameters.AddWithValue("GrainIdExtensionString", key);
        write.Parameters.AddWithValue("ServiceId", serviceId);
        write.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        write.Parameters.AddWithValue("PayloadBinary", payload);
        Assert.Equal((version ?? 0) + 1, (int)(await write.ExecuteScalarAsync())!);
    }
}
