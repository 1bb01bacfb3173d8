using Dispatcher.Abstractions.Audit;
using Dispatcher.Domain.Chains;

namespace Dispatcher.Domain.Audit;

/// <summary>
/// The hash chain over the admin audit log (ADR-023), built like the case history's (ADR-020) with
/// its own tag: each entry's hash is SHA-256 over <see cref="ChainText"/> of the tag, the previous
/// entry's hash (the seed for the first), then sequence, time (two fields), kind (its stored number),
/// by, version and summary.
/// </summary>
public static class AuditChain
{
    /// <summary>Names the encoding; a later one gets a new tag.</summary>
    private const string Scheme = "dispatcher.audit.v1";

    /// <summary>What the first entry chains to.</summary>
    public static readonly string Seed = ChainText.Tagged(Scheme).Field("seed").Sha256();

    /// <summary>The entry that follows <paramref name="previous"/> (null: the first) for <paramref name="change"/>, hashed.</summary>
    public static AuditEntry Link(AuditEntry? previous, AuditChange change, long version)
    {
        var entry = new AuditEntry((previous?.Sequence ?? 0) + 1, change.At, change.Kind, change.By, change.Summary, version, "");
        return entry with { Hash = HashOf(previous?.Hash, entry) };
    }

    /// <summary>The hash <paramref name="e"/> must carry after an entry with hash <paramref name="previousHash"/> (null: the seed).</summary>
    public static string HashOf(string? previousHash, AuditEntry e) =>
        ChainText.Tagged(Scheme).Field(previousHash ?? Seed)
            .Number(e.Sequence)
            .Time(e.At)
            .Number((int)e.Kind)
            .Field(e.By)
            .Number(e.Version)
            .Field(e.Summary)
            .Sha256();
}
