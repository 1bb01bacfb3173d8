using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Grains.Agents;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatcher.Grains.Tests.PersistedState;

/// <summary>
/// Grain state is stored in Orleans' binary format, keyed by field ids: a field renumbered or
/// retyped in a later release would silently lose data in every stored grain. These tests read
/// state written by an earlier build (bytes in Fixtures/) and round-trip every persisted type.
/// Set DISPATCHER_WRITE_STATE_FIXTURES to a folder to write fresh fixtures there (only when a
/// format change is intended and a migration reads the old bytes).
/// </summary>
public sealed class PersistedStateFormatTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseIntake).Assembly).AddAssembly(typeof(CaseState).Assembly).AddAssembly(typeof(AgentState).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static TheoryData<string> Names() => new(StateSamples.All().Keys);

    [Theory, MemberData(nameof(Names))]
    public void Every_persisted_type_survives_a_round_trip_with_every_field(string name)
    {
        var sample = StateSamples.All()[name];
        var back = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(sample))!;
        Assert.Equal(Describe(sample), Describe(back));
    }

    [Theory, MemberData(nameof(Names))]
    public void State_stored_by_an_earlier_build_still_reads_with_every_field(string name)
    {
        var sample = StateSamples.All()[name];
        if (Environment.GetEnvironmentVariable("DISPATCHER_WRITE_STATE_FIXTURES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name + ".bin"), Serializer.SerializeToArray<object>(sample));
        }
        var path = Path.Combine(AppContext.BaseDirectory, "PersistedState", "Fixtures", name + ".bin");
        Assert.True(File.Exists(path), $"No stored fixture for '{name}' at {path}.");
        var stored = Serializer.Deserialize<object>(File.ReadAllBytes(path))!;
        Assert.IsType(sample.GetType(), stored);
        Assert.Equal(Describe(sample), Describe(stored));
    }

    /// <summary>Every public property and field, nested, as text: equal text means no field was lost.</summary>
    private static string Describe(object value) => JsonSerializer.Serialize(value, value.GetType(), Json);
}
