using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// Joint cases (ADR-027): POST /api/cases/{id}/co/{departmentId}/acknowledge | reply | release, the
/// co-department's own steps on its part, and the role (lead / co) of each search result.
/// </summary>
public static class JointCaseEndpoints
{
    public static void MapCoPartCommands(RouteGroupBuilder cases)
    {
        MapCoPart(cases, "acknowledge", CoPartAction.Acknowledge, new NoteRequest(null), b => b.Note);
        MapCoPart(cases, "reply", CoPartAction.Reply, new TextRequest(null), b => b.Text);
        MapCoPart(cases, "release", CoPartAction.Release, new ReasonRequest(null), b => b.Reason);
    }

    private static void MapCoPart<TBody>(RouteGroupBuilder cases, string verb, CoPartAction action, TBody emptyBody, Func<TBody, string?> text) where TBody : class
    {
        cases.MapPost($"/{{id}}/co/{{departmentId}}/{verb}", async (string id, string departmentId, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains,
                TrackingNumbers numbers) =>
            {
                if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
                var body = await CaseEndpoints.BodyOrEmpty(request, emptyBody);
                var command = new CoPartCommand(CaseEndpoints.RequestId(request, user), user.ToActor(), departmentId, action, text(body));
                return TypedResults.Ok((await grains.GetGrain<ICaseGrain>(id).CoPart(command)).ToResponse());
            })
            .RequireAuthorization(Policies.DepartmentUser)
            .Accepts<TBody>("application/json")
            .Produces<TransitionResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary($"A co-department's {verb} on its part of a joint case (ADR-027)");
    }

    /// <summary>
    /// The search page with each row's "role": lead or co, relative to the department the search
    /// names (department= leads, coDepartment= co-handles) or else the caller's own departments;
    /// null for a city-wide search that names none.
    /// </summary>
    public static JsonNode WithRoles(CasePage page, CaseQuery query, CallerScope scope, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(page, options)!;
        var items = node["items"]!.AsArray();
        for (var i = 0; i < page.Items.Count; i++)
            items[i]!["role"] = RoleOf(page.Items[i], query, scope) is { } role ? JsonSerializer.SerializeToNode(role, options) : null;
        return node;
    }

    private static CaseRole? RoleOf(CaseIndexRow row, CaseQuery query, CallerScope scope)
    {
        if (query.DepartmentId is not null) return CaseRole.Lead;
        if (query.CoDepartmentId is not null) return CaseRole.Co;
        if (scope.IsCityWide) return null;
        return row.DepartmentId is not null && scope.Departments.Contains(row.DepartmentId) ? CaseRole.Lead : CaseRole.Co;
    }
}
