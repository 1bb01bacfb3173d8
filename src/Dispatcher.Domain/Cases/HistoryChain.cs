using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// The hash chain over a case's history (ADR-020): each entry's <see cref="HistoryEntry.Hash"/> is
/// SHA-256 (lower-case hex) over a canonical encoding of its fields and the hash of the entry before;
/// the first entry chains to a seed made from the case id. The one place the encoding is stated.
/// </summary>
public static class HistoryChain
{
    /// <summary>Names the encoding; a later encoding gets a new tag, and entries keep the one they were hashed with.</summary>
    private const string Scheme = "dispatcher.history.v1";

    /// <summary>What the first entry of a case (or the first after unchained ones) chains to.</summary>
    public static string Seed(string caseId) => Sha256(new StringBuilder().Field(Scheme).Field("seed").Field(caseId));

    /// <summary>The entry with its hash set, chained to <paramref name="previous"/> (null for the first entry).</summary>
    public static HistoryEntry Link(string caseId, HistoryEntry? previous, HistoryEntry entry) =>
        entry with { Hash = HashOf(caseId, previous?.Hash, entry) };

    /// <summary>The hash the entry must carry after an entry with hash <paramref name="previousHash"/> (null: the seed).</summary>
    public static string HashOf(string caseId, string? previousHash, HistoryEntry entry) =>
        Sha256(Encode(new StringBuilder().Field(Scheme).Field(previousHash ?? Seed(caseId)), entry));

    /// <summary>
    /// Every field as <c>length:value;</c> (null as <c>-;</c>), so no two entries encode alike:
    /// invariant numbers, enum values as numbers (as they are stored), times as ISO 8601 UTC with
    /// all seven fractional digits plus their ticks.
    /// </summary>
    private static StringBuilder Encode(StringBuilder text, HistoryEntry e) => text
        .Field(e.Sequence.ToString(CultureInfo.InvariantCulture))
        .Field(e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
        .Field(e.At.UtcTicks.ToString(CultureInfo.InvariantCulture))
        .Field(((int)e.Actor.Kind).ToString(CultureInfo.InvariantCulture))
        .Field(e.Actor.Id)
        .Field(e.Actor.DepartmentId)
        .Field(((int)e.Action).ToString(CultureInfo.InvariantCulture))
        .Field(((int)e.From).ToString(CultureInfo.InvariantCulture))
        .Field(((int)e.To).ToString(CultureInfo.InvariantCulture))
        .Field(e.DepartmentId)
        .Field(e.Note)
        .Field(e.RequestId);

    private static StringBuilder Field(this StringBuilder text, string? value) =>
        value is null ? text.Append("-;") : text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');

    private static string Sha256(StringBuilder text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
