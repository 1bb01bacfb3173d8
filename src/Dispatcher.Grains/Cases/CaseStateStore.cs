using Dispatcher.Abstractions;
using Dispatcher.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core;
using Orleans.Storage;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// A case grain's state, read on the activation's first call instead of before it (ADR-033): a
/// brand-new case, whose id the caller has just drawn at random, starts from an empty state without
/// a storage read. Its first write then goes without an ETag, which storage refuses when a row
/// exists, so a skipped read can never overwrite a case. Orleans' own bridge does the storage
/// calls; only the lifecycle step that reads at activation is left out.
/// </summary>
internal sealed class CaseStateStore(IGrainContext context)
{
    private readonly StateStorageBridge<CaseState> _bridge = new("case", context,
        context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(DispatcherNames.CaseStorage));
    private Task? _loading;

    /// <summary>Loaded, or started fresh: <see cref="State"/> may be used.</summary>
    public bool Ready => _loading is { IsCompletedSuccessfully: true };

    public CaseState State => _bridge.State;

    public string? Etag => _bridge.Etag;

    /// <summary>Started fresh and neither read nor written since: whether a row exists is not known yet (ADR-036).</summary>
    public bool Unread { get; private set; }

    /// <summary>
    /// Makes the state usable before a call runs. Calls that interleave share one read; a read that
    /// failed is tried again by the next call.
    /// </summary>
    public Task Prepare(bool freshId)
    {
        if (_loading is { IsFaulted: true } or { IsCanceled: true }) _loading = null;
        if (_loading is not null) return _loading;
        if (freshId)
        {
            // Nobody has seen this id yet, or (a keyed first try) nearly never: the first write proves it.
            _bridge.State = new CaseState();
            Unread = true;
            return _loading = Task.CompletedTask;
        }
        Unread = false;
        return _loading = _bridge.ReadStateAsync();
    }

    /// <summary>Reads storage now, replacing the state in memory: after a refused first write, or to learn whether an unread id is stored.</summary>
    public Task Reload()
    {
        _loading = null;
        return Prepare(freshId: false);
    }

    /// <summary>
    /// Writes the state as every grain does (<see cref="StateWrites.WriteOrReload{T}"/>). When the
    /// write fails (storage down, a version conflict, or an id that was not fresh after all) any call
    /// that still reaches this activation before it deactivates reads storage first.
    /// </summary>
    public async Task Write(IGrainBase grain)
    {
        try
        {
            await _bridge.WriteOrReload(grain);
            Unread = false;
        }
        catch
        {
            _loading = null;
            throw;
        }
    }
}
