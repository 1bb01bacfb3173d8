using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Storage.Postgres;

/// <summary>
/// The ETag rule of our PostgreSQL grain storages, the ADO.NET provider's own: the ETag is the row's
/// integer version (1 on the first write, +1 per write or clear), and no ETag means "no row yet".
/// </summary>
internal static class VersionEtags
{
    public static string Etag(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag names; null for none. An ETag that is not a version is a conflict, never a 500.</summary>
    public static int? Version(string? etag) =>
        etag is null ? null : int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InconsistentStateException($"Not a grain-state ETag: '{etag}'.", "unknown", etag);

    public static InconsistentStateException Mismatch(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of {grainId} was written by someone else since it was read (ETag {etag ?? "none"}).", "unknown", etag ?? "none");

    /// <summary>
    /// Clears a state as the ADO.NET provider does: with an ETag, <paramref name="clearAt"/> runs the
    /// storage's conditional clear of that version (payload gone, version + 1) and returns the new
    /// version, or null when the ETag was stale; without one there is no row to clear.
    /// </summary>
    public static async Task Clear<T>(string stateName, GrainId grainId, IGrainState<T> grainState, IActivatorProvider activators, Func<int, Task<object?>> clearAt)
    {
        if (Version(grainState.ETag) is { } expected)
        {
            if (await clearAt(expected) is not int cleared) throw Mismatch(stateName, grainId, grainState.ETag);
            grainState.ETag = Etag(cleared);
        }
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
    }
}
