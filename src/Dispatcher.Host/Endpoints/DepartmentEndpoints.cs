using System.Globalization;
using System.Security.Claims;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/departments: the list, each department's inbox and its monthly counters.</summary>
public static class DepartmentEndpoints
{
    public sealed record DepartmentResponse(string Id, string Name, string? District);

    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments");

        group.MapGet("/", (CityDirectory city) => TypedResults.Ok(city.Departments.Select(d => new DepartmentResponse(d.Id, d.Name, d.District))))
            .RequireAuthorization(Policies.AnyKey);

        group.MapGet("/{id}/inbox", async (string id, ClaimsPrincipal user, IGrainFactory grains, CityDirectory city) =>
            {
                Authorize(id, user, city);
                return TypedResults.Ok(await grains.GetGrain<IDepartmentGrain>(id).GetInbox());
            })
            .RequireAuthorization(Policies.Staff).Produces<IReadOnlyList<InboxItem>>().WithSummary("Open cases of a department");

        group.MapGet("/{id}/stats", async (string id, string? month, ClaimsPrincipal user, IGrainFactory grains, CityDirectory city, TimeProvider clock) =>
            {
                Authorize(id, user, city);
                month ??= city.MonthOf(clock.GetUtcNow());
                if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    throw ValidationException.For("month", "Use YYYY-MM.");
                return TypedResults.Ok(await grains.GetGrain<IDepartmentGrain>(id).GetStats(month));
            })
            .RequireAuthorization(Policies.Staff).Produces<DepartmentStats>().WithSummary("Monthly counters and rates (R7)");
        return app;
    }

    internal static void Authorize(string id, ClaimsPrincipal user, CityDirectory city)
    {
        if (city.FindDepartment(id) is null) throw new NotFoundException($"No department has id '{id}'.");
        user.Scope().DemandDepartment(id);
    }
}
