using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/public/cases/{id}: the citizen's status lookup by tracking number and phone (R6), no key.</summary>
public static class PublicStatusEndpoints
{
    public static IEndpointRouteBuilder MapPublicStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/cases/{id}", async (string id, string? phoneLast4, IGrainFactory grains, TrackingNumbers numbers, CityDirectory city) =>
            {
                if (phoneLast4 is not { Length: 4 } || !phoneLast4.All(char.IsAsciiDigit))
                    throw ValidationException.For("phoneLast4", "The last four digits of the phone number given at intake.");
                // The same 404 for an unknown number and a wrong phone: the lookup reveals nothing.
                var status = numbers.IsWellFormed(id) ? await grains.GetGrain<ICaseGrain>(id).GetPublicStatus(phoneLast4) : null;
                // A merged report shows the incident it joined (that case knows this reporter's phone too).
                if (status?.MergedInto is { } primary) status = await grains.GetGrain<ICaseGrain>(primary).GetPublicStatus(phoneLast4) ?? status;
                if (status is null) throw new NotFoundException("No case matches this tracking number and phone.");
                return TypedResults.Ok(new
                {
                    status.Id, status.Status, status.Category, status.DepartmentId,
                    DepartmentName = status.DepartmentId is null ? null : city.FindDepartment(status.DepartmentId)?.Name,
                    status.CreatedAt, status.UpdatedAt, status.Deadlines, status.Notes, status.Reporters,
                });
            })
            .WithTags("Citizens").AllowAnonymous().WithPublicLookupRateLimits().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Citizen status lookup by tracking number and the phone's last four digits");
        return app;
    }
}
