using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Domain.Audit;

/// <summary>
/// How the configured API-key set changed, by key name (ADR-023): names added, names removed, and
/// names whose role or department changed. Keys and their hashes never appear; a name configured
/// more than once counts as one account with all its grants.
/// </summary>
public static class ApiKeyChanges
{
    /// <summary>The set in a stable, comparable form: name → its grants ("agent", "department@city-water", …).</summary>
    public static SortedDictionary<string, string> Normalize(IEnumerable<ApiKeyAccount> keys) =>
        new(keys.GroupBy(k => k.Name, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => string.Join(", ", g.Select(Grant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/> in a short readable form; null when equal.</summary>
    public static string? Describe(IReadOnlyDictionary<string, string>? previous, IReadOnlyDictionary<string, string> current)
    {
        previous ??= new Dictionary<string, string>();
        var added = current.Keys.Where(n => !previous.ContainsKey(n)).Order(StringComparer.Ordinal).ToArray();
        var removed = previous.Keys.Where(n => !current.ContainsKey(n)).Order(StringComparer.Ordinal).ToArray();
        var changed = current.Where(c => previous.TryGetValue(c.Key, out var before) && before != c.Value)
            .OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ({previous[c.Key]} → {c.Value})").ToArray();
        var parts = new[]
        {
            added.Length > 0 ? $"added {string.Join(", ", added.Select(n => $"{n} ({current[n]})"))}" : null,
            removed.Length > 0 ? $"removed {string.Join(", ", removed)}" : null,
            changed.Length > 0 ? $"role changed {string.Join(", ", changed)}" : null,
        }.OfType<string>().ToArray();
        return parts.Length == 0 ? null : "API keys: " + string.Join("; ", parts);
    }

    private static string Grant(ApiKeyAccount k) => k.DepartmentId is null ? k.Role : $"{k.Role}@{k.DepartmentId}";
}
