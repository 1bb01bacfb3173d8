using System.Collections.Concurrent;
using Orleans.Storage;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// The cluster's real case storage (Orleans' memory storage, shared by both silos) with a count of
/// the reads each grain asked for, so tests can see which activations read and which did not (ADR-033).
/// </summary>
public sealed class ReadCountingStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<GrainId, int> Reads = new();

    public static int ReadsOf(string caseId) => Reads.GetValueOrDefault(GrainId.Create("case", caseId));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
