using Dispatcher.Abstractions.Routing;

namespace Dispatcher.Domain.Routing;

/// <summary>
/// Picks the responsible department (R3). A rule matches when its category equals the case's,
/// and each optional dimension it names (district, every attribute, time window) matches too.
/// The most specific match wins: more matched dimensions first, then higher priority, then rule
/// id for a stable tie-break. No match → null (the case goes to triage).
/// </summary>
public sealed class RuleMatcher
{
    private readonly Dictionary<string, RoutingRule[]> _byCategory;

    public RuleMatcher(IEnumerable<RoutingRule> rules)
    {
        _byCategory = rules
            .GroupBy(r => r.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(Specificity).ThenByDescending(r => r.Priority)
                .ThenBy(r => r.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Rules are pre-sorted by (specificity, priority, id), so the first match is the winner.</summary>
    public RoutingRule? Match(string category, string district, IReadOnlyDictionary<string, string> attributes, TimeOnly localTime)
    {
        if (!_byCategory.TryGetValue(category, out var candidates)) return null;
        foreach (var rule in candidates)
        {
            if (Matches(rule, district, attributes, localTime)) return rule;
        }
        return null;
    }

    public static int Specificity(RoutingRule rule) =>
        (rule.District is null ? 0 : 1) + (rule.Attributes?.Count ?? 0) + (rule.Window is null ? 0 : 1);

    private static bool Matches(RoutingRule rule, string district, IReadOnlyDictionary<string, string> attributes, TimeOnly localTime)
    {
        if (rule.District is not null && !string.Equals(rule.District, district, StringComparison.Ordinal)) return false;
        if (rule.Attributes is not null)
        {
            foreach (var (key, expected) in rule.Attributes)
            {
                if (!attributes.TryGetValue(key, out var actual) || !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                    return false;
            }
        }
        return rule.Window is null || InWindow(rule.Window, localTime);
    }

    /// <summary>[From, To); a window whose end is before its start wraps past midnight (e.g. 22:00–06:00).</summary>
    public static bool InWindow(TimeWindow window, TimeOnly t) =>
        window.From <= window.To ? t >= window.From && t < window.To : t >= window.From || t < window.To;
}
