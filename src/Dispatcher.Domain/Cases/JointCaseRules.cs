using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// The rules of a joint case (R4, ADR-027) in one place: which co-departments may be named, who
/// may act on a co-part, which co-part steps follow which, and when resolving needs a reason. The
/// workflow, the routing-rule validator and the console all ask here.
/// </summary>
public static class JointCaseRules
{
    /// <summary>At most this many co-departments on one case: beyond it, a case is a project, not a complaint.</summary>
    public const int MaxCoDepartments = 5;

    /// <summary>
    /// Field-level problems of a co-department list (keys "{field}" and "{field}[i]"): each known,
    /// distinct, not the lead, at most <see cref="MaxCoDepartments"/>. Empty when the list is fine.
    /// </summary>
    public static Dictionary<string, string[]> Problems(IReadOnlyList<string?>? coDepartments, string? lead, CityDirectory city, string field = "coDepartments")
    {
        var errors = new Dictionary<string, string[]>();
        if (coDepartments is null) return errors;
        if (coDepartments.Count > MaxCoDepartments) errors[field] = [$"At most {MaxCoDepartments} co-departments."];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < coDepartments.Count; i++)
        {
            var id = coDepartments[i];
            string? problem = id switch
            {
                null or "" => "A department id is required.",
                _ when city.FindDepartment(id) is null => $"Unknown department '{id}'.",
                _ when id == lead => $"'{id}' leads the case; it cannot also be a co-department.",
                _ when !seen.Add(id) => $"'{id}' is named twice.",
                _ => null,
            };
            if (problem is not null) errors[$"{field}[{i}]"] = [problem];
        }
        return errors;
    }

    /// <summary>Refuses a bad co-department list with its field-level problems (HTTP 400).</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string?>? coDepartments, string? lead, CityDirectory city)
    {
        var errors = Problems(coDepartments, lead, city);
        if (errors.Count > 0) throw new ValidationException(errors);
        return coDepartments?.Select(d => d!).ToArray() ?? [];
    }

    /// <summary>
    /// The co-departments of a routing rule that can still be used: a rule was checked when the table
    /// took it, but a city file changed since must not make an intake fail, so the unusable ones are left out.
    /// </summary>
    public static IReadOnlyList<string> Usable(IReadOnlyList<string> coDepartments, string lead, CityDirectory city) =>
        coDepartments.Where(d => d != lead && city.FindDepartment(d) is not null).Distinct(StringComparer.Ordinal).Take(MaxCoDepartments).ToArray();

    /// <summary>
    /// Only a department key or clerk of that co-department acts on its part; the lead (or anyone
    /// else) may not act as a co-department.
    /// </summary>
    public static CoPart Authorize(CaseState state, Actor actor, string departmentId)
    {
        if (actor.Kind != ActorKind.Department)
            throw new ForbiddenActionException($"A {actor.Kind} may not act on a co-department's part.");
        if (actor.DepartmentId is null || actor.DepartmentId != departmentId)
            throw new ForbiddenActionException($"Your key acts for department '{actor.DepartmentId}', not '{departmentId}'.");
        if (state.DepartmentId == departmentId)
            throw new ForbiddenActionException($"'{departmentId}' leads case {state.Id}; the lead cannot act as a co-department.");
        return state.CoPartOf(departmentId) ?? throw new ForbiddenActionException($"'{departmentId}' is not a co-department of case {state.Id}.");
    }

    /// <summary>Acknowledge an assigned part; reply an acknowledged one; ask release before replying.</summary>
    public static bool Allows(CoPartAction action, CoPartStatus from) => action switch
    {
        CoPartAction.Acknowledge => from == CoPartStatus.Assigned,
        CoPartAction.Reply => from == CoPartStatus.Acknowledged,
        CoPartAction.Release => from is CoPartStatus.Assigned or CoPartStatus.Acknowledged,
        _ => false,
    };

    /// <summary>A co-part is worked only while the case itself is open (not resolved, closed, merged or transferred).</summary>
    public static bool CaseOpen(CaseStatus status) => status is not (CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.ClosedAtFirstContact
        or CaseStatus.Merged or CaseStatus.TransferredOut or CaseStatus.Received);

    /// <summary>The co-part's text: a reply's "text" or a release's "reason", required and no longer than a description.</summary>
    public static void RequireText(CoPartAction action, string? text)
    {
        var field = action == CoPartAction.Reply ? "text" : action == CoPartAction.Release ? "reason" : null;
        if (field is not null && string.IsNullOrWhiteSpace(text)) throw ValidationException.For(field, "Required.");
        if (text is not null && text.Length > IntakeValidator.MaxDescription)
            throw ValidationException.For(field ?? "note", $"At most {IntakeValidator.MaxDescription} characters.");
    }

    /// <summary>The co-departments that still owe their part: resolving before they reply needs a reason.</summary>
    public static IReadOnlyList<CoPart> Outstanding(CaseState state) => state.CoParts.Where(p => p.Open).ToArray();

    /// <summary>Refuses resolving a joint case before every co-department replied (or was released) without a reason.</summary>
    public static void RequireResolveReason(CaseState state, string? reason)
    {
        var outstanding = Outstanding(state);
        if (outstanding.Count > 0 && string.IsNullOrWhiteSpace(reason))
            throw ValidationException.For("reason",
                $"Required: co-department(s) {string.Join(", ", outstanding.Select(p => p.DepartmentId))} have not replied; say why the case is resolved without them.");
        if (reason is not null && reason.Length > IntakeValidator.MaxDescription)
            throw ValidationException.For("reason", $"At most {IntakeValidator.MaxDescription} characters.");
    }
}
