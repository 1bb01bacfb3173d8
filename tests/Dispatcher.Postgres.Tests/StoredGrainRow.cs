using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Grains.Agents;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// One grain's row in Orleans' ADO.NET storage (table orleansstorage; a case's in dispatcher_case_state), read and rewritten behind the
/// dispatcher's back in Orleans' binary format (ADR-019), as an operator's script or a bad restore would.
/// </summary>
/// <param name="grainType">The state name, e.g. "case" or "audit".</param>
/// <param name="key">The grain's string key.</param>
public sealed class StoredGrainRow(TestDatabase db, string grainType, string key)
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseIntake).Assembly).AddAssembly(typeof(CaseState).Assembly).AddAssembly(typeof(AgentState).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    // Case grains have a table of their own (ADR-029, deploy/sql/018); every other grain is in Orleans' table.
    private string Table => grainType == "case" ? "dispatcher_case_state" : "orleansstorage";
    private string Payload => grainType == "case" ? "payload" : "payloadbinary";
    private string Row => grainType == "case" ? "@type = 'case' AND id = @key" : "graintypestring = @type AND grainidextensionstring = @key";

    public async Task<T> Read<T>()
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT {Payload} FROM {Table} WHERE {Row}", connection)
        {
            Parameters = { new("type", grainType), new("key", key) },
        };
        var payload = (byte[])(await select.ExecuteScalarAsync() ?? throw new InvalidOperationException(
            $"No stored row for {grainType}/{key}; stored: {string.Join(", ", await db.Column("SELECT DISTINCT graintypestring || '/' || coalesce(grainidextensionstring, '') FROM orleansstorage"))}"));
        return Serializer.Deserialize<T>(payload) ?? throw new InvalidOperationException($"{grainType}/{key} stored no state.");
    }

    public async Task Write<T>(T state)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand($"UPDATE {Table} SET {Payload} = @payload WHERE {Row}", connection)
        {
            Parameters = { new("payload", Serializer.SerializeToArray(state)), new("type", grainType), new("key", key) },
        };
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
