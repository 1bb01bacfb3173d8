using Dispatcher.Abstractions.Routing;

namespace Dispatcher.Domain.Routing;

/// <summary>
/// The rule an arbitration ruling becomes (★ rulings are precedent): the next case like the ruled one
/// goes straight to the ruled department. "Like" means the same category and district, the same values
/// of the attributes any rule of the category looks at (others do not make it narrower), and — when the
/// rule that takes such a case today has a time window — the same window. It is then at least as
/// specific as every rule that matches such a case, and outranks them by priority, so the matcher's
/// order (specificity, then priority) picks it.
/// </summary>
public static class PrecedentRule
{
    public static string IdFor(string caseId) => "ruling-" + caseId.ToLowerInvariant();

    public static RoutingRule From(PrecedentRequest request, IReadOnlyList<RoutingRule> rules)
    {
        var sameCategory = rules.Where(r => r.Category == request.Category).ToList();
        var consulted = sameCategory.SelectMany(r => r.Attributes?.Keys.AsEnumerable() ?? []).ToHashSet(StringComparer.Ordinal);
        var attributes = request.Attributes.Where(a => consulted.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var today = new RuleMatcher(sameCategory).Match(request.Category, request.District, request.Attributes, request.LocalTime);
        var priority = sameCategory.Count == 0 ? 0 : sameCategory.Max(r => r.Priority) + 1;
        var p = request.Precedent;
        return new RoutingRule(IdFor(p.CaseId), request.Category, request.District, attributes.Count == 0 ? null : attributes, today?.Window,
            priority, request.DepartmentId, $"Arbitration ruling on case {p.CaseId}: {p.Ruling}", p);
    }
}
