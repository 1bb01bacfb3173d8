using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/hotlines (R9) and the partner interconnect: partners report outcomes of cases transferred to them.</summary>
public static class HotlineEndpoints
{
    public sealed record OutcomeRequest(string? Outcome, string? Note);

    public static IEndpointRouteBuilder MapHotlineEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hotlines").WithTags("Hotlines");
        group.MapGet("/", (IGrainFactory grains) => Registry(grains).Get()).RequireAuthorization(Policies.AnyKey)
            .Produces<HotlineRegistrySnapshot>().WithSummary("Every line with its kind, and the audit of registry changes");
        group.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var line = await JsonBody.Read<HotlineLine>(request);
                var snapshot = await Registry(grains).Register(line, user.ToActor());
                return TypedResults.Created($"/api/hotlines/{line.Id}", snapshot);
            })
            .RequireAuthorization(Policies.Admin).Accepts<HotlineLine>("application/json").Produces<HotlineRegistrySnapshot>(201)
            .ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Register a temporary line (approval and dates required); a new permanent line is refused");

        app.MapPost("/api/partners/{lineId}/cases/{id}/outcome", async (string lineId, string id, HttpRequest request, ClaimsPrincipal user,
                IGrainFactory grains, TrackingNumbers numbers) =>
            {
                if (user.Name() != lineId) throw new ForbiddenActionException($"Your key is not the key of line '{lineId}'.");
                if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
                var body = await JsonBody.Read<OutcomeRequest>(request);
                var resolved = body.Outcome switch
                {
                    "resolved" => true,
                    "returned" => false,
                    _ => throw ValidationException.For("outcome", "Use resolved or returned."),
                };
                var requestId = CaseEndpoints.RequestId(request, user);
                var result = await grains.GetGrain<ICaseGrain>(id).PartnerOutcome(new PartnerOutcomeCommand(requestId, user.ToActor(), resolved, body.Note ?? ""));
                return TypedResults.Ok(result.ToResponse());
            })
            .WithTags("Hotlines").RequireAuthorization(Policies.PartnerLine).Accepts<OutcomeRequest>("application/json")
            .Produces<TransitionResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409)
            .WithSummary("A partner hotline reports the outcome of a case transferred to it");
        return app;
    }

    private static IHotlineRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IHotlineRegistryGrain>(DispatcherNames.SingletonKey);
}
