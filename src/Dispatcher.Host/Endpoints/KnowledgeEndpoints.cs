using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Host.Security;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/knowledge: first-contact answers (R2) — suggestions for call-takers, edits by admins.</summary>
public static class KnowledgeEndpoints
{
    public sealed record ReplaceKnowledgeRequest(long? ExpectedVersion, List<KnowledgeEntry>? Entries);

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("Knowledge");
        group.MapGet("/", (IGrainFactory grains) => Base(grains).Get()).RequireAuthorization(Policies.Dispatcher).Produces<KnowledgeSnapshot>();
        group.MapGet("/suggest", (string? category, string? text, IGrainFactory grains) =>
                Base(grains).Suggest(category ?? "", text ?? "", 3))
            .RequireAuthorization(Policies.Dispatcher).Produces<IReadOnlyList<KnowledgeEntry>>()
            .WithSummary("Entries that may answer a consultation, for the call-taker to close it at first contact");
        group.MapPut("/", async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var body = await JsonBody.Read<ReplaceKnowledgeRequest>(request);
                if (body.Entries is null) throw ValidationException.For("entries", "Required.");
                return TypedResults.Ok(await Base(grains).Replace(body.Entries, body.ExpectedVersion, user.ToActor()));
            })
            .RequireAuthorization(Policies.Admin).Accepts<ReplaceKnowledgeRequest>("application/json").Produces<KnowledgeSnapshot>()
            .ProducesValidationProblem().ProducesProblem(409);
        return app;
    }

    private static IKnowledgeBaseGrain Base(IGrainFactory grains) => grains.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey);
}
