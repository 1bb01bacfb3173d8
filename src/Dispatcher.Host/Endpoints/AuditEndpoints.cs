using System.Globalization;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Errors;
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
            .WithSummary("Admin changes, newest first: ?kind=rules|hotlines|knowledge|accounts&from=&to=&page=&pageSize=");
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
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString();
        AuditKind? kind = null;
        if (Text("kind") is { } k)
        {
            if (Enum.TryParse<AuditKind>(k, ignoreCase: true, out var parsed) && !int.TryParse(k, out _)) kind = parsed;
            else errors["kind"] = ["Use rules, hotlines, knowledge or accounts."];
        }
        DateTimeOffset? Date(string name)
        {
            if (Text(name) is not { } v) return null;
            if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
            errors[name] = ["Use an ISO 8601 date or date-time."];
            return null;
        }
        int Number(string name, int fallback, int min, int max)
        {
            if (Text(name) is not { } v) return fallback;
            if (int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            errors[name] = [$"Use a whole number from {min} to {max}."];
            return fallback;
        }
        var query = new AuditQuery(kind, Date("from"), Date("to"), Number("page", 1, 1, 100_000), Number("pageSize", 50, 1, 200));
        if (errors.Count > 0) throw new ValidationException(errors);
        return query;
    }

    private static IAuditLogGrain Log(IGrainFactory grains) => grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey);
}
