using System.Security.Claims;
using Dispatcher.Abstractions.Agents;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/agents: call-takers sign in and out; their figures (R10).</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agents").WithTags("Agents");
        group.MapPost("/me/sign-in", (ClaimsPrincipal user, IGrainFactory grains) => Me(user, grains).SignIn())
            .RequireAuthorization(Policies.Dispatcher).Produces<AgentView>();
        group.MapPost("/me/sign-out", (ClaimsPrincipal user, IGrainFactory grains) => Me(user, grains).SignOut())
            .RequireAuthorization(Policies.Dispatcher).Produces<AgentView>();
        group.MapGet("/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                if (user.Role() != Roles.Admin && user.Name() != id) throw new ForbiddenActionException("Agents see only their own figures.");
                return grains.GetGrain<IAgentGrain>(id).Get();
            })
            .RequireAuthorization(Policies.Dispatcher).Produces<AgentView>();
        return app;
    }

    private static IAgentGrain Me(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<IAgentGrain>(user.Name());
}
