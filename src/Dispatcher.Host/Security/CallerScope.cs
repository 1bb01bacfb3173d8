using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Host.Security;

/// <summary>
/// The one rule for which departments a caller may see (R14), computed from its claims: admins,
/// agents and a supervisor without a department see every department; a supervisor attached to
/// departments (one <see cref="Roles.DepartmentClaim"/> each) and a department key see those only;
/// channels and partners see no department's data. Every route that takes a case id, a department
/// id or lists cases asks this; a case or department outside the scope is refused with 403.
/// </summary>
public sealed class CallerScope
{
    private readonly HashSet<string>? _departments;

    private CallerScope(HashSet<string>? departments, bool seesContact, string? readsCasesTakenBy = null)
    {
        _departments = departments;
        SeesContact = seesContact;
        ReadsCasesTakenBy = readsCasesTakenBy;
    }

    /// <summary>Every department (null departments).</summary>
    public bool IsCityWide => _departments is null;

    /// <summary>The departments in scope; empty for a city-wide caller (use <see cref="IsCityWide"/>).</summary>
    public IReadOnlySet<string> Departments => _departments ?? [];

    /// <summary>Whether a case view shows the citizen's name and phone in clear.</summary>
    public bool SeesContact { get; }

    /// <summary>
    /// A channel may read the cases it took (by their number, contact masked) without seeing any
    /// department's data. Only its own: tracking numbers are public in the Open311 list (ADR-022),
    /// so a number alone is no proof that the caller has a right to the case.
    /// </summary>
    private string? ReadsCasesTakenBy { get; }

    public static CallerScope Of(ClaimsPrincipal user)
    {
        var attached = user.FindAll(Roles.DepartmentClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return user.Role() switch
        {
            Roles.Admin or Roles.Agent => new(null, seesContact: true),
            Roles.Supervisor => new(attached.Count == 0 ? null : attached, seesContact: true),
            Roles.Department => new(attached, seesContact: false),
            Roles.Channel => new([], seesContact: false, readsCasesTakenBy: user.Name()),
            _ => new([], seesContact: false),
        };
    }

    public bool Covers(string? departmentId) =>
        _departments is null || (departmentId is not null && _departments.Contains(departmentId));

    /// <summary>Refuses a department outside the scope.</summary>
    public void DemandDepartment(string departmentId)
    {
        if (!Covers(departmentId)) throw new ForbiddenActionException($"Your key may not read department '{departmentId}'.");
    }

    /// <summary>
    /// Refuses a case assigned to a department outside the scope (or to none, unless city-wide); a
    /// channel is refused every case but those it took.
    /// </summary>
    public void DemandCase(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (ReadsCasesTakenBy is { } channel)
        {
            if (view.History is [{ Action: CaseAction.Submit, Actor: { Kind: ActorKind.Channel } taker }, ..] && taker.Id == channel) return;
            throw new ForbiddenActionException($"Case {view.Id} was not taken by your channel: a channel reads the cases it took.");
        }
        // A joint case belongs to its lead and its co-departments (ADR-027): either's scope reads it.
        if (!Covers(view.DepartmentId) && !(view.CoDepartments ?? []).Any(p => Covers(p.DepartmentId)))
            throw new ForbiddenActionException($"Case {view.Id} is not assigned to a department your key may read.");
    }

    /// <summary>
    /// A search inside the scope: a named department must be in it; without one, the search is
    /// limited to the scope's departments: the cases they lead, and with <paramref name="coHandled"/> those they
    /// co-handle too (ADR-027; a report of a department's own work leaves them out). A caller that sees no department may not search.
    /// </summary>
    public CaseQuery Restrict(CaseQuery query, bool coHandled = true)
    {
        if (_departments is null) return query;
        if (_departments.Count == 0) throw new ForbiddenActionException("Your key may not search cases.");
        if (query.DepartmentId is { } id)
        {
            DemandDepartment(id);
            if (query.CoDepartmentId is { } also) DemandDepartment(also);
            return query;
        }
        if (query.CoDepartmentId is { } co)
        {
            DemandDepartment(co);
            return query;
        }
        return query with { DepartmentIds = _departments, CoHandledInScope = coHandled };
    }
}
