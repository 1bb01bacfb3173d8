using Dispatcher.Abstractions.Knowledge;

namespace Dispatcher.Domain.Matching;

/// <summary>Suggests knowledge-base answers for an intake: same category first, then keyword hits in the description.</summary>
public static class KnowledgeMatcher
{
    public static IReadOnlyList<KnowledgeEntry> Suggest(IEnumerable<KnowledgeEntry> entries, string? category, string? text, int max = 3)
    {
        var words = (text ?? "").ToLowerInvariant();
        return entries
            .Select(e => (Entry: e, Score: (e.Category == category ? 2 : 0) + e.Keywords.Count(k => k.Length > 0 && words.Contains(k.ToLowerInvariant()))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Entry.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(max, 1, 20))
            .Select(x => x.Entry)
            .ToArray();
    }
}
