using System.Text.Json;

namespace Dispatcher.Domain.Audit;

/// <summary>
/// A whole-table edit in a short readable form for the audit log (ADR-023): how many items the table
/// now has, and which ids were added, changed or removed. Items are compared by their JSON form, so
/// collections inside them compare by content.
/// </summary>
public static class ItemChanges
{
    public static string Describe<T>(string noun, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id)
    {
        var old = before.GroupBy(id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => JsonSerializer.Serialize(g.First()), StringComparer.Ordinal);
        var now = after.GroupBy(id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => JsonSerializer.Serialize(g.First()), StringComparer.Ordinal);
        var parts = new[]
        {
            List("added", now.Keys.Where(k => !old.ContainsKey(k))),
            List("changed", now.Where(n => old.TryGetValue(n.Key, out var o) && o != n.Value).Select(n => n.Key)),
            List("removed", old.Keys.Where(k => !now.ContainsKey(k))),
        }.OfType<string>().ToArray();
        return $"{after.Count} {noun}" + (parts.Length == 0 ? ", none changed" : $" ({string.Join("; ", parts)})");
    }

    private static string? List(string verb, IEnumerable<string> ids)
    {
        var sorted = ids.Order(StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? null : $"{verb} {string.Join(", ", sorted)}";
    }
}
