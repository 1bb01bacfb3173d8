using Dispatcher.Domain.City;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/city: the reference data an intake form needs (districts, categories).</summary>
public static class CityEndpoints
{
    public sealed record CityResponse(string Name, IReadOnlyList<District> Districts, IReadOnlyList<Category> Categories);

    public static IEndpointRouteBuilder MapCityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", (CityDirectory city) => TypedResults.Ok(new CityResponse(city.Name, city.Districts, city.Categories)))
            .WithTags("City").RequireAuthorization(Policies.AnyKey);
        return app;
    }
}
