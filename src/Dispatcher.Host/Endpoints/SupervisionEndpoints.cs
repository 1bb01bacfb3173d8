using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/departments/{id}/supervision: a department's open cases past a deadline (督办, R5).</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{id}/supervision", async (string id, ClaimsPrincipal user, ICaseIndex index, CityDirectory city) =>
            {
                DepartmentEndpoints.Authorize(id, user, city);
                return TypedResults.Ok(await index.Search(new CaseQuery(DepartmentId: id, PageSize: 200, OpenOverdueOnly: true)));
            })
            .WithTags("Supervision").RequireAuthorization(Policies.Staff).Produces<CasePage>()
            .WithSummary("Open cases of a department that are past a deadline (under supervision)");
        return app;
    }
}
