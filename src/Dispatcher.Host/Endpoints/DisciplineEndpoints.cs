using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Discipline;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/discipline: cases referred to discipline inspection (纪检监察, R5), those of the caller's departments.</summary>
public static class DisciplineEndpoints
{
    public static IEndpointRouteBuilder MapDisciplineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/discipline", async (ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var scope = user.Scope();
                var referrals = await grains.GetGrain<IDisciplineQueueGrain>(DispatcherNames.SingletonKey).List();
                return TypedResults.Ok(referrals.Where(r => scope.Covers(r.DepartmentId)).ToList());
            })
            .WithTags("Supervision").RequireAuthorization(Policies.Oversight).Produces<IReadOnlyList<Referral>>()
            .WithSummary("Cases referred to discipline inspection (an attached supervisor: its departments' only)");
        return app;
    }
}
