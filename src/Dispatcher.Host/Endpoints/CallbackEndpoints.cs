using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/cases/{id}/callback: the citizen's satisfaction after the case (回访, R6).</summary>
public static class CallbackEndpoints
{
    public sealed record CallbackRequest(Satisfaction? Satisfaction, string? Note);

    public static IEndpointRouteBuilder MapCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{id}/callback", async (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers) =>
            {
                if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
                var body = await JsonBody.Read<CallbackRequest>(request);
                if (body.Satisfaction is not { } satisfaction) throw ValidationException.For("satisfaction", "Required: satisfied, basicallySatisfied or unsatisfied.");
                var requestId = CaseEndpoints.RequestId(request, user);
                var result = await grains.GetGrain<ICaseGrain>(id).Callback(new CallbackCommand(requestId, user.ToActor(), satisfaction, body.Note));
                return TypedResults.Ok(result.ToResponse());
            })
            .WithTags("Cases").RequireAuthorization(Policies.Dispatcher).Accepts<CallbackRequest>("application/json")
            .Produces<TransitionResponse>().ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Record the citizen's satisfaction: closes the case, or reopens it when unsatisfied");
        return app;
    }
}
