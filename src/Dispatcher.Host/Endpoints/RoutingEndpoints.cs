using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/routing/rules (admin) and /api/triage (dispatchers).</summary>
public static class RoutingEndpoints
{
    public sealed record ReplaceRulesRequest(long? ExpectedVersion, List<RoutingRule>? Rules);

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/routing/rules").WithTags("Routing").RequireAuthorization(Policies.Admin);
        rules.MapGet("/", (IGrainFactory grains) => Table(grains).Get()).Produces<RoutingTableSnapshot>()
            .WithSummary("The jurisdiction rules with their version");
        rules.MapPut("/", async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var body = await JsonBody.Read<ReplaceRulesRequest>(request);
                if (body.Rules is null) throw Dispatcher.Abstractions.Errors.ValidationException.For("rules", "Required.");
                return TypedResults.Ok(await Table(grains).Replace(body.Rules, body.ExpectedVersion, user.ToActor()));
            })
            .Accepts<ReplaceRulesRequest>("application/json").Produces<RoutingTableSnapshot>().ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Replace every rule (a new version); send expectedVersion to refuse a concurrent edit");

        app.MapGet("/api/triage", Triage)
            .WithTags("Routing").RequireAuthorization(Policies.Dispatcher).Produces<CasePage>().ProducesValidationProblem()
            .WithSummary("Cases no rule matched, oldest first, a page at a time (page, pageSize)");
        return app;
    }

    /// <summary>
    /// The triage queue is the case index's cases in status Triage (ADR-039): a case enters it only
    /// at intake, so its creation time is when it began to wait. Dispatchers see the whole city's.
    /// </summary>
    private static async Task<IResult> Triage(HttpRequest request, ICaseIndex index)
    {
        var read = new QueryReader(request.Query);
        var query = new CaseQuery(Status: CaseStatus.Triage, Page: read.Page(), PageSize: read.PageSize(), OldestFirst: true);
        read.ThrowIfInvalid();
        return TypedResults.Ok(await index.Search(query));
    }

    private static IRoutingTableGrain Table(IGrainFactory grains) => grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);
}
