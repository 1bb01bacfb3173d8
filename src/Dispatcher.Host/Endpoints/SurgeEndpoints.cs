using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// /api/surges (surge mode, ADR-028): operators open, edit and close surge incidents and watch the
/// surge view; /api/public/notices serves the open incidents' public notices to anyone.
/// </summary>
public static class SurgeEndpoints
{
    public sealed record OpenSurgeRequest(string? Category, string? District, string? Title, string? Notice, string? Script, string? Outcome);
    public sealed record EditSurgeRequest(string? Title, string? Notice, string? Script, string? Outcome);
    public sealed record CloseSurgeRequest(string? Outcome, string? RequestId);
    public sealed record SurgeList(IReadOnlyList<SurgeView> Items);
    public sealed record PublicNotice(string Category, string CategoryName, string District, string DistrictName, string Title, string Notice, DateTimeOffset OpenedAt);
    public sealed record PublicNotices(IReadOnlyList<PublicNotice> Items);

    /// <summary>The surge view's intake figures cover at most the hour a pair's counter keeps.</summary>
    public const int MaxViewMinutes = 60;

    public static IEndpointRouteBuilder MapSurgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/surges").WithTags("Surges").RequireAuthorization(Policies.Oversight);
        group.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var body = await JsonBody.Read<OpenSurgeRequest>(request);
                var view = await Registry(grains).Open(body.Category ?? "", body.District ?? "",
                    new SurgeTexts(body.Title, body.Notice, body.Script, body.Outcome), user.ToActor());
                return TypedResults.Created($"/api/surges/{view.Id}", view);
            })
            .Accepts<OpenSurgeRequest>("application/json").Produces<SurgeView>(201).ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Open a surge incident for a category and district: new reports of it join it and hear its notice");
        group.MapGet("/", async (string? status, IGrainFactory grains) => TypedResults.Ok(new SurgeList(await List(grains, ParseStatus(status)))))
            .Produces<SurgeList>().ProducesValidationProblem().WithSummary("Surge incidents, newest first (status=open|closing|closed)");
        group.MapGet("/view", View).Produces<SurgeBoard>().ProducesValidationProblem()
            .WithSummary("The surge view: open incidents, intake per minute per category × district, queue age");
        group.MapGet("/{id}", (string id, IGrainFactory grains) => Surge(grains, id).Get())
            .Produces<SurgeView>().ProducesProblem(404).WithSummary("One surge incident");
        group.MapPut("/{id}", async (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var body = await JsonBody.Read<EditSurgeRequest>(request);
                return await Surge(grains, id).Edit(new SurgeTexts(body.Title, body.Notice, body.Script, body.Outcome), user.ToActor());
            })
            .Accepts<EditSurgeRequest>("application/json").Produces<SurgeView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Change an open incident's title, public notice, call-taker script or planned outcome");
        group.MapPost("/{id}/close", async (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            {
                var body = await JsonBody.Read<CloseSurgeRequest>(request);
                if (body.RequestId is { Length: > 200 }) throw ValidationException.For("requestId", "At most 200 characters.");
                var requestId = body.RequestId is { Length: > 0 } given ? given : CaseEndpoints.RequestId(request, user);
                var view = await Surge(grains, id).Close(requestId, body.Outcome, user.ToActor());
                return TypedResults.Accepted($"/api/surges/{id}", view);
            })
            .Accepts<CloseSurgeRequest>("application/json").Produces<SurgeView>(202).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Close the incident with its outcome: every lead and joined report is resolved with it (idempotent by requestId)");

        app.MapGet("/api/public/notices", async (IGrainFactory grains, CityDirectory city) =>
            {
                var open = await List(grains, SurgeStatus.Open);
                return TypedResults.Ok(new PublicNotices(open.Select(s => new PublicNotice(s.Category, city.FindCategory(s.Category)?.Name ?? s.Category,
                    s.District, city.FindDistrict(s.District)?.Name ?? s.District, s.Title, s.Notice, s.OpenedAt)).ToArray()));
            })
            .WithTags("Citizens").AllowAnonymous().WithMetadata(new NoticeRateLimit()).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces<PublicNotices>().WithSummary("Public notices of the open surge incidents: what is known and being handled");
        return app;
    }

    public sealed record PairIntake(string Category, string District, int Total, int[] PerMinute);
    public sealed record QueueAge(long Waiting, string? OldestCaseId, DateTimeOffset? OldestSince, double? OldestAgeSeconds);
    public sealed record SurgeBoard(DateTimeOffset At, int Minutes, IReadOnlyList<SurgeView> Open, IReadOnlyList<PairIntake> Intake, QueueAge Triage, QueueAge Unacknowledged);

    private static async Task<IResult> View(int? minutes, ClaimsPrincipal user, IGrainFactory grains, ICaseIndex index, TimeProvider clock)
    {
        var span = minutes ?? 15;
        if (span is < 1 or > MaxViewMinutes) throw ValidationException.For("minutes", $"Between 1 and {MaxViewMinutes}.");
        var pairs = await Registry(grains).Pairs();
        var counts = await Task.WhenAll(pairs.Select(p => grains.GetGrain<IIncidentGrain>(p).PerMinute(span)));
        var intake = pairs.Zip(counts, (pair, perMinute) => (Pair: pair.Split('|', 2), PerMinute: perMinute))
            .Where(p => p.Pair.Length == 2 && p.PerMinute.Sum() > 0)
            .Select(p => new PairIntake(p.Pair[0], p.Pair[1], p.PerMinute.Sum(), p.PerMinute))
            .OrderByDescending(p => p.Total).ToArray();
        var now = clock.GetUtcNow();
        var open = (await List(grains, null)).Where(s => s.Status != SurgeStatus.Closed).ToArray();
        // Queue ages come from cases: a supervisor attached to departments sees its own departments' queues (CallerScope).
        var scope = CallerScope.Of(user);
        return TypedResults.Ok(new SurgeBoard(now, span, open, intake,
            await Oldest(index, scope, [CaseStatus.Triage], now), await Oldest(index, scope, [CaseStatus.Dispatched, CaseStatus.Reopened], now)));
    }

    /// <summary>How many cases wait in these statuses and since when the oldest has (the index lists newest first: its last page).</summary>
    private static async Task<QueueAge> Oldest(ICaseIndex index, CallerScope scope, HashSet<CaseStatus> statuses, DateTimeOffset now)
    {
        // One page of one, oldest first: the count and the oldest case in one search, not an offset to the last page.
        var page = await index.Search(scope.Restrict(new CaseQuery(Statuses: statuses, PageSize: 1, OldestFirst: true)));
        return page.Items is [var oldest]
            ? new QueueAge(page.Total, oldest.Id, oldest.CreatedAt, Math.Max(0, (now - oldest.CreatedAt).TotalSeconds))
            : new QueueAge(page.Total, null, null, null);
    }

    private static SurgeStatus? ParseStatus(string? status) => status switch
    {
        null or "" => null,
        "open" => SurgeStatus.Open,
        "closing" => SurgeStatus.Closing,
        "closed" => SurgeStatus.Closed,
        _ => throw ValidationException.For("status", "Use open, closing or closed."),
    };

    /// <summary>
    /// The incidents themselves say where they stand (the registry's row may lag a status change
    /// it was not told of): list from the registry, filter by each incident's own status.
    /// </summary>
    private static async Task<SurgeView[]> List(IGrainFactory grains, SurgeStatus? status)
    {
        // An incident the registry lists as closed is closed: only open and closing rows are asked again.
        var entries = await Registry(grains).List(status == SurgeStatus.Open ? SurgeStatus.Open : null);
        var views = await Task.WhenAll(entries.Where(e => status == SurgeStatus.Closed || status is null || e.Status != SurgeStatus.Closed)
            .Select(e => Surge(grains, e.Id).Get()));
        return views.Where(v => status is null || v.Status == status).ToArray();
    }

    private static ISurgeRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey);

    private static ISurgeGrain Surge(IGrainFactory grains, string id) =>
        id is { Length: > 0 and <= 64 } ? grains.GetGrain<ISurgeGrain>(id) : throw new NotFoundException($"No surge incident '{id}'.");

    /// <summary>The public notices are limited per client address like Open311's public reads (Dispatcher:RateLimits:Open311PerClientPerMinute).</summary>
    private sealed class NoticeRateLimit : PublicLookupRateLimits.PerClientMarker
    {
        public override Task Refuse(HttpContext http, int retryAfterSeconds) =>
            Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: "Too many requests from this address. Try again later.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds }).ExecuteAsync(http);
    }
}
