using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Audit;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/audit (admin): the hash-chained log of rule, hotline, knowledge-base and account changes (ADR-023), and its verification.</summary>
public static class AuditEndpoints
{
    public sealed record AuditVerifyResponse(bool Valid, int Entries, long? FirstBrokenSequence, string? Reason);

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", async (HttpRequest request, IGrainFactory grains) => TypedResults.Ok(await Log(grains).List(ParseQuery(request.Query))))
            .Produces<AuditPage>().ProducesValidationProblem()
            .WithSummary("Admin changes, newest first: ?kind=rules|hotlines|knowledge|accounts|surges&from=&to=&page=&pageSize=");
        group.MapGet("/verify", async (IGrainFactory grains) =>
            {
                // The tables' versions first, then the log: an edit stored in between is in the log with a later
                // version, never taken for a missing entry. (An edit whose entry is still in its table's outbox
                // because the log was unreachable shows as missing until the retry delivers it, seconds later.)
                var heads = new Dictionary<AuditKind, long>
                {
                    [AuditKind.Rules] = await grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).GetVersion(),
                    [AuditKind.Hotlines] = (await grains.GetGrain<IHotlineRegistryGrain>(DispatcherNames.SingletonKey).Get()).Version,
                    [AuditKind.Knowledge] = (await grains.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey).Get()).Version,
                };
                var verdict = AuditVerifier.Verify(await Log(grains).Entries(), heads);
                return TypedResults.Ok(new AuditVerifyResponse(verdict.Valid, verdict.Entries, verdict.FirstBrokenSequence, verdict.Reason));
            })
            .Produces<AuditVerifyResponse>().WithSummary("Recomputes the audit log's hash chain and names the first entry that cannot be trusted");
        return app;
    }

    internal static AuditQuery ParseQuery(IQueryCollection q)
    {
        var read = new QueryReader(q);
        var query = new AuditQuery(read.Enum<AuditKind>("kind", "Use rules, hotlines, knowledge, accounts or surges."), read.Date("from"), read.Date("to"),
            read.Page(), read.PageSize());
        read.ThrowIfInvalid();
        return query;
    }

    private static IAuditLogGrain Log(IGrainFactory grains) => grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey);
}
