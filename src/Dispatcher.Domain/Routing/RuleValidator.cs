using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Routing;

/// <summary>Checks a rule set against the city directory; errors are keyed "rules[i].field".</summary>
public static class RuleValidator
{
    public static Dictionary<string, string[]> Validate(IReadOnlyList<RoutingRule> rules, CityDirectory city)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"rules[{i}]";
            if (rule is null) { Add(at, "A rule is required."); continue; }
            if (string.IsNullOrWhiteSpace(rule.Id)) Add($"{at}.id", "An id is required.");
            else if (!seen.Add(rule.Id)) Add($"{at}.id", $"Duplicate rule id '{rule.Id}'.");
            if (string.IsNullOrWhiteSpace(rule.Category) || city.FindCategory(rule.Category) is null)
                Add($"{at}.category", $"Unknown category '{rule.Category}'.");
            if (rule.District is not null && city.FindDistrict(rule.District) is null)
                Add($"{at}.district", $"Unknown district '{rule.District}'.");
            if (string.IsNullOrWhiteSpace(rule.DepartmentId) || city.FindDepartment(rule.DepartmentId) is null)
                Add($"{at}.departmentId", $"Unknown department '{rule.DepartmentId}'.");
            if (rule.Attributes is not null && rule.Attributes.Any(a => string.IsNullOrWhiteSpace(a.Key) || a.Value is null))
                Add($"{at}.attributes", "Attribute names and values must be non-empty.");
            foreach (var (field, messages) in Cases.JointCaseRules.Problems(rule.CoDepartments, rule.DepartmentId, city, $"{at}.coDepartments"))
                foreach (var message in messages) Add(field, message);
            if (rule.Window is not null && rule.Window.From == rule.Window.To)
                Add($"{at}.window", "A time window must not be empty.");
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
