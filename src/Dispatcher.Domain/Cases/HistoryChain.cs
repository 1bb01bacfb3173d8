using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Chains;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// The hash chain over a case's history (ADR-020): each entry's <see cref="HistoryEntry.Hash"/> is
/// SHA-256 (lower-case hex) over a canonical encoding of its fields and the hash of the entry before;
/// the first entry chains to a seed made from the case id. The field order is stated here, the
/// field format in <see cref="ChainText"/>.
/// </summary>
public static class HistoryChain
{
    /// <summary>Names the encoding; a later encoding gets a new tag, and entries keep the one they were hashed with.</summary>
    private const string Scheme = "dispatcher.history.v1";
    /// <summary>
    /// Entries with a recorded time (ADR-030): the v1 fields, then the recorded time (two fields).
    /// Entries without one keep v1, so every hash stored before the field existed still verifies,
    /// and dropping or changing a recorded time breaks the chain.
    /// </summary>
    private const string SchemeWithRecordedAt = "dispatcher.history.v2";

    /// <summary>What the first entry of a case (or the first after unchained ones) chains to.</summary>
    public static string Seed(string caseId) => ChainText.Tagged(Scheme).Field("seed").Field(caseId).Sha256();

    /// <summary>The entry with its hash set, chained to <paramref name="previous"/> (null for the first entry).</summary>
    public static HistoryEntry Link(string caseId, HistoryEntry? previous, HistoryEntry entry) =>
        entry with { Hash = HashOf(caseId, previous?.Hash, entry) };

    /// <summary>
    /// The hash the entry must carry after an entry with hash <paramref name="previousHash"/> (null: the seed).
    /// Fields in this order after the tag and the previous hash: sequence, time (two fields), actor kind,
    /// actor id, actor department, action, from, to, department, note, request id — enums as their
    /// stored numbers — and, under the v2 tag, the recorded time (two fields).
    /// </summary>
    public static string HashOf(string caseId, string? previousHash, HistoryEntry e)
    {
        // The seed first: it takes the thread's builder and gives it back before this text takes it.
        var previous = previousHash ?? Seed(caseId);
        var text = ChainText.Tagged(e.RecordedAt is null ? Scheme : SchemeWithRecordedAt).Field(previous)
            .Number(e.Sequence)
            .Time(e.At)
            .Number((int)e.Actor.Kind)
            .Field(e.Actor.Id)
            .Field(e.Actor.DepartmentId)
            .Number((int)e.Action)
            .Number((int)e.From)
            .Number((int)e.To)
            .Field(e.DepartmentId)
            .Field(e.Note)
            .Field(e.RequestId);
        return (e.RecordedAt is { } recorded ? text.Time(recorded) : text).Sha256();
    }
}
