using Orleans.Core;

namespace Dispatcher.Grains;

/// <summary>How every Dispatcher grain stores its state.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state; when the write fails (storage down, version conflict) the in-memory state
    /// is ahead of storage, so the grain is deactivated and the next call reloads what storage holds.
    /// </summary>
    public static async Task WriteOrReload<T>(this IStorage<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
