using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Storage.Memory;

/// <summary>
/// Grain storage of the embedded (one-silo, in-memory) mode: serialized state in a dictionary of
/// this process, with the same ETag checks as a database. Orleans' MemoryGrainStorage keeps state
/// in storage grains so that several silos can share it; with exactly one silo that costs a grain
/// call and a deep copy per read and write for nothing (ADR-009). Everything is lost at exit, as the
/// embedded mode promises.
/// </summary>
public sealed class ProcessMemoryGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private sealed record Row(BinaryData Data, long Version);

    private readonly ConcurrentDictionary<(string State, GrainId Grain), Row> _rows = new();
    private long _versions;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Data);
            grainState.ETag = Etag(row.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var next = new Row(serializer.Serialize(grainState.State), Interlocked.Increment(ref _versions));
        var stored = grainState.ETag is null
            ? _rows.TryAdd(key, next)
            : _rows.TryGetValue(key, out var current) && Etag(current.Version) == grainState.ETag && _rows.TryUpdate(key, next, current);
        if (!stored) throw Mismatch(stateName, grainId, grainState.ETag);
        grainState.ETag = Etag(next.Version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_rows.TryGetValue(key, out var current))
        {
            if (Etag(current.Version) != grainState.ETag || !_rows.TryRemove(new KeyValuePair<(string, GrainId), Row>(key, current)))
                throw Mismatch(stateName, grainId, grainState.ETag);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
        return Task.CompletedTask;
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private InconsistentStateException Mismatch(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was written by someone else since it was read (ETag {etag ?? "none"}).",
            _rows.TryGetValue((stateName, grainId), out var r) ? Etag(r.Version) : "none", etag ?? "none");
}
