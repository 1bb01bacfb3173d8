using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Domain.Audit;

/// <summary>What a check of the audit log found: <see cref="FirstBrokenSequence"/> is the first entry that cannot be trusted.</summary>
public sealed record AuditVerdict(bool Valid, int Entries, long? FirstBrokenSequence, string? Reason);

/// <summary>
/// Checks the audit log against <see cref="AuditChain"/>: sequences from 1 without a gap, every hash,
/// and — given the versions the audited tables are at now — that no kind's newest entries are missing
/// (so dropping the last entries shows, as a case's status shows a dropped last history entry).
/// </summary>
public static class AuditVerifier
{
    /// <param name="entries">The stored entries, in stored order.</param>
    /// <param name="heads">The version each audited table is at now (rules, hotlines, knowledge); a kind without entries is not checked (it has not changed since the log began).</param>
    public static AuditVerdict Verify(IReadOnlyList<AuditEntry> entries, IReadOnlyDictionary<AuditKind, long>? heads = null)
    {
        AuditEntry? previous = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var expected = (previous?.Sequence ?? 0) + 1;
            if (entry.Sequence != expected)
                return new(false, entries.Count, expected, entries.Skip(i + 1).Any(e => e.Sequence == expected)
                    ? $"entry {expected} is out of order (found {entry.Sequence} in its place)"
                    : $"entry {expected} is missing (found {entry.Sequence} in its place)");
            if (!string.Equals(entry.Hash, AuditChain.HashOf(previous?.Hash, entry), StringComparison.Ordinal))
                return new(false, entries.Count, expected, $"entry {expected} does not match its hash");
            previous = entry;
        }
        foreach (var (kind, version) in heads ?? new Dictionary<AuditKind, long>())
        {
            if (entries.LastOrDefault(e => e.Kind == kind) is { } last && last.Version < version)
                return new(false, entries.Count, entries.Count + 1,
                    $"{Table(kind)} at version {version} but its last entry, {last.Sequence}, is version {last.Version}: later entries are missing");
        }
        return new(true, entries.Count, null, null);
    }

    private static string Table(AuditKind kind) => kind switch
    {
        AuditKind.Rules => "the rules are",
        AuditKind.Hotlines => "the hotline registry is",
        AuditKind.Knowledge => "the knowledge base is",
        _ => $"{kind} is",
    };
}
