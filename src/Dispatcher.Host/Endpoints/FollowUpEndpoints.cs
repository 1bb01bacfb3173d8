using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>Callback, the citizen's status lookup, supervision and discipline inspection (R5, R6).</summary>
public static class FollowUpEndpoints
{
    public sealed record CallbackRequest(Satisfaction? Satisfaction, string? Note);

    public static IEndpointRouteBuilder MapFollowUpEndpoints(this IEndpointRouteBuilder app)
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
            .WithTags("Citizens").AllowAnonymous().WithSummary("Citizen status lookup by tracking number and the phone's last four digits");

        app.MapGet("/api/discipline", (IGrainFactory grains) => grains.GetGrain<IDisciplineQueueGrain>(DispatcherNames.SingletonKey).List())
            .WithTags("Supervision").RequireAuthorization(Policies.Oversight).Produces<IReadOnlyList<Referral>>()
            .WithSummary("Cases referred to discipline inspection");

        app.MapGet("/api/departments/{id}/supervision", async (string id, ClaimsPrincipal user, ICaseIndex index, CityDirectory city) =>
            {
                if (city.FindDepartment(id) is null) throw new NotFoundException($"No department has id '{id}'.");
                if (!user.MaySeeDepartment(id)) throw new ForbiddenActionException($"Your key may not read department '{id}'.");
                return TypedResults.Ok(await index.Search(new CaseQuery(DepartmentId: id, PageSize: 200, OpenOverdueOnly: true)));
            })
            .WithTags("Supervision").RequireAuthorization(Policies.Staff).Produces<CasePage>()
            .WithSummary("Open cases of a department that are past a deadline (under supervision)");
        return app;
    }
}
