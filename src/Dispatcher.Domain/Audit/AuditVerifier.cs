using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Domain.Audit;

/// <summary>What a check of the audit log found: <see cref="FirstBrokenSequence"/> is the first entry that cannot be trusted.</summary>
public sealed record AuditVerdict(bool Valid, int Entries, long? FirstBrokenSequence, string? Reason);

/// <summary>Checks the audit log against <see cref="AuditChain"/>: sequences from 1 without a gap, and every hash.</summary>
public static class AuditVerifier
{
    public static AuditVerdict Verify(IReadOnlyList<AuditEntry> entries)
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
        return new(true, entries.Count, null, null);
    }
}
