using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Host.Security;
using Dispatcher.Host.Security.Staff;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// /api/cases/{id}/claim and /assign: who of the department handles a case (issue 13). A clerk
/// claims a case of its department; the department's head — or the department's own system, by
/// key — assigns or reassigns it to one of the department's clerks. The case workflow records it
/// (CaseAction.Claim) and the clerk's worklist filters on it.
/// </summary>
public static class ClaimEndpoints
{
    public sealed record AssignRequest(string? Clerk);

    public static IEndpointRouteBuilder MapClaimEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.DepartmentUser);
        cases.MapPost("/{id}/claim", (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers) =>
                Send(id, request, user, grains, numbers, null))
            .Produces<TransitionResponse>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Take a case of your department: colleagues see who handles it");
        cases.MapPost("/{id}/assign", async (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers, StaffDirectory staff) =>
            {
                if (user.IsSession() && !user.IsDepartmentHead())
                    throw new ForbiddenActionException("Only the department's head assigns cases to clerks.");
                var body = await JsonBody.Read<AssignRequest>(request);
                // Outside the caller's department is a 403 whatever the body says (not a 400 about the clerk).
                if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
                user.Scope().DemandCase(await grains.GetGrain<ICaseGrain>(id).Get());
                var clerk = body.Clerk is { Length: > 0 } login ? staff.Find(login.Trim()) : null;
                if (clerk is null || clerk.Role != Roles.Department || clerk.DepartmentId != user.DepartmentId())
                    throw ValidationException.For("clerk", "A clerk of your department.");
                return await Send(id, request, user, grains, numbers, clerk.Login);
            })
            .Accepts<AssignRequest>("application/json").Produces<TransitionResponse>().ProducesValidationProblem()
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Give a case of your department to one of its clerks (the head, or the department's system)");
        return app;
    }

    private static async Task<IResult> Send(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers, string? clerk)
    {
        if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
        var result = await grains.GetGrain<ICaseGrain>(id).Claim(new CaseCommand(CaseEndpoints.RequestId(request, user), user.ToActor(), clerk));
        return TypedResults.Ok(result.ToResponse());
    }
}
