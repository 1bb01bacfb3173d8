using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Host.Security;
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

        app.MapGet("/api/triage", (IGrainFactory grains) => grains.GetGrain<ITriageQueueGrain>(DispatcherNames.SingletonKey).List())
            .WithTags("Routing").RequireAuthorization(Policies.Dispatcher).Produces<IReadOnlyList<TriageItem>>()
            .WithSummary("Cases no rule matched, oldest first");
        return app;
    }

    private static IRoutingTableGrain Table(IGrainFactory grains) => grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);
}
