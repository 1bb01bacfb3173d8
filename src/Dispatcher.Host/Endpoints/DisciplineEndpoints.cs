using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/discipline: cases referred to discipline inspection (纪检监察, R5), those of the caller's departments.</summary>
public static class DisciplineEndpoints
{
    public static IEndpointRouteBuilder MapDisciplineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/discipline", Referred)
            .WithTags("Supervision").RequireAuthorization(Policies.Oversight).Produces<CasePage>().ProducesValidationProblem()
            .WithSummary("Cases referred to discipline inspection, oldest first, a page at a time (an attached supervisor: its departments' only)");
        return app;
    }

    /// <summary>
    /// The referred cases are the case index's escalated cases (ADR-040): a case is escalated when
    /// supervision ran out with a step still overdue, and stays so until a reopen starts a new cycle.
    /// The lead department answers for it, so an attached supervisor sees the cases its departments lead.
    /// </summary>
    private static async Task<IResult> Referred(HttpRequest request, ClaimsPrincipal user, ICaseIndex index)
    {
        var read = new QueryReader(request.Query);
        var query = new CaseQuery(EscalatedOnly: true, Page: read.Page(), PageSize: read.PageSize(), OldestFirst: true);
        read.ThrowIfInvalid();
        return TypedResults.Ok(await index.Search(user.Scope().Restrict(query, coHandled: false)));
    }
}
