using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// What a check of a case's history chain found (ADR-020). <see cref="FirstBrokenSequence"/> is the
/// first sequence that cannot be trusted: every entry before it verifies. <see cref="Reason"/> also
/// says, on a valid chain, where it starts when older entries were stored before chaining.
/// </summary>
public sealed record HistoryVerdict(bool Valid, int Entries, long? FirstBrokenSequence, string? Reason);

/// <summary>Checks a case's history against <see cref="HistoryChain"/>: every link, every sequence, and the last entry against the case.</summary>
public static class HistoryVerifier
{
    public static HistoryVerdict Verify(CaseView view) => Verify(view.Id, view.History, view.Status);

    /// <param name="caseId">The case the history belongs to (the seed includes it).</param>
    /// <param name="history">The stored entries, in stored order.</param>
    /// <param name="status">The case's status now, which the last entry must have set; null skips that check.</param>
    public static HistoryVerdict Verify(string caseId, IReadOnlyList<HistoryEntry> history, CaseStatus? status = null)
    {
        HistoryVerdict Broken(long sequence, string reason) => new(false, history.Count, sequence, reason);

        var start = 0;
        while (start < history.Count && history[start].Hash is null) start++;
        if (start == history.Count)
            return new(true, history.Count, null, history.Count == 0 ? null : "no entry is chained (all were stored before chaining)");

        HistoryEntry? previous = start == 0 ? null : history[start - 1];
        for (var i = start; i < history.Count; i++)
        {
            var entry = history[i];
            var expected = (previous?.Sequence ?? 0) + 1;
            if (entry.Sequence != expected)
                return Broken(expected, history.Skip(i + 1).Any(h => h.Sequence == expected)
                    ? $"entry {expected} is out of order (found {entry.Sequence} in its place)"
                    : $"entry {expected} is missing (found {entry.Sequence} in its place)");
            if (entry.Hash is null) return Broken(expected, $"entry {expected} has no hash after chained entries");
            if (!string.Equals(entry.Hash, HistoryChain.HashOf(caseId, previous?.Hash, entry), StringComparison.Ordinal))
                return Broken(expected, $"entry {expected} does not match its hash");
            previous = entry;
        }

        if (status is { } now && previous!.To != now)
            return Broken(previous.Sequence + 1, $"the case is {now} but its last entry {previous.Sequence} leaves it {previous.To}: later entries are missing");
        return new(true, history.Count, null, start == 0 ? null : $"unchained entries before sequence {history[start].Sequence}");
    }
}
