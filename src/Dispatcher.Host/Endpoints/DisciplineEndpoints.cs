using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Discipline;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/discipline: cases referred to discipline inspection (纪检监察, R5).</summary>
public static class DisciplineEndpoints
{
    public static IEndpointRouteBuilder MapDisciplineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/discipline", (IGrainFactory grains) => grains.GetGrain<IDisciplineQueueGrain>(DispatcherNames.SingletonKey).List())
            .WithTags("Supervision").RequireAuthorization(Policies.Oversight).Produces<IReadOnlyList<Referral>>()
            .WithSummary("Cases referred to discipline inspection");
        return app;
    }
}
