using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Grains.Shared;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/cases: intake, read, search and the department / dispatcher commands.</summary>
public static class CaseEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");

        cases.MapPost("/", Submit).RequireAuthorization(Policies.Intake)
            .Accepts<IntakeRequest>("application/json")
            .Produces<CaseCreatedResponse>(201).Produces<CaseCreatedResponse>(200).ProducesValidationProblem()
            .WithSummary("Take a case (R1); the same Idempotency-Key returns the same case");
        cases.MapGet("/", Search).RequireAuthorization(Policies.Staff).Produces<CasePage>().WithSummary("Search the case index (R13)");
        cases.MapGet("/{id}", Get).RequireAuthorization(Policies.Staff).Produces<CaseResponse>().WithSummary("A case with its full history");
        cases.MapGet("/{id}/verify", Verify).RequireAuthorization(Policies.Audit).Produces<VerifyResponse>().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Check the case's hash-chained history (ADR-020): admins, and supervisors within their departments");

        MapCommand(cases, "acknowledge", Policies.DepartmentUser, new NoteRequest(null), (g, rid, a, b) => g.Acknowledge(new(rid, a, b.Note)));
        MapCommand(cases, "start", Policies.DepartmentUser, new NoteRequest(null), (g, rid, a, b) => g.Start(new(rid, a, b.Note)));
        MapCommand(cases, "reply", Policies.DepartmentUser, new TextRequest(null), (g, rid, a, b) => g.Reply(new(rid, a, b.Text)));
        MapCommand(cases, "resolve", Policies.DepartmentUser, new ResolveRequest(null), (g, rid, a, b) => g.Resolve(new(rid, a, b.Text, b.Reason)));
        MapCommand(cases, "return", Policies.DepartmentUser, new ReasonRequest(null), (g, rid, a, b) => g.Return(new(rid, a, b.Reason)));
        MapCommand(cases, "dispatch", Policies.Dispatcher, new DispatchRequest(null, null), (g, rid, a, b) => g.Dispatch(new(rid, a, b.DepartmentId ?? "", b.Reason ?? "", b.RecordAsRule, b.CoDepartments?.Select(d => d ?? "").ToArray())));
        MapCommand(cases, "close", Policies.Dispatcher, new NoteRequest(null), (g, rid, a, b) => g.Close(new(rid, a, b.Note)));
        MapCommand(cases, "reopen", Policies.Dispatcher, new ReasonRequest(null), (g, rid, a, b) => g.Reopen(new(rid, a, b.Reason)));
        JointCaseEndpoints.MapCoPartCommands(cases);
        return app;
    }

    /// <summary>Translates HTTP only: the case grain's intake planner validates and decides (one rule for every way in).</summary>
    private static async Task<IResult> Submit(HttpRequest request, ClaimsPrincipal user, GrainReferences grains, TrackingNumbers numbers, CityDirectory city)
    {
        var body = await JsonBody.Read<IntakeRequest>(request);
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 200) throw ValidationException.For(IdempotencyHeader, "At most 200 characters.");
        var firstContact = body.FirstContact is { } answer ? new FirstContactAnswer(answer.EntryId ?? "", answer.Note) : null;
        var command = new SubmitCase(user.ToActor(), body.ToIntake(), firstContact, body.CallStartedAt);
        var receipt = await SubmitToCaseGrain(grains, numbers, user.Name(), key, command);

        var href = $"/api/cases/{receipt.CaseId}";
        var response = new CaseCreatedResponse(receipt.CaseId, receipt.Status, receipt.DepartmentId,
            receipt.DepartmentId is null ? null : city.FindDepartment(receipt.DepartmentId)?.Name, receipt.RuleId, receipt.ReceivedAt, href, receipt.MergedInto,
            receipt.Surge is { } surge ? new SurgeAtIntake(surge.Id, surge.Title, surge.Notice, surge.Script) : null);
        return receipt.Created ? TypedResults.Created(href, response) : TypedResults.Ok(response);
    }

    /// <summary>
    /// The one intake call of every HTTP way in (this API, Open311): with an idempotency key the case
    /// id is derived from (caller, key), so a retry reaches the same case; without one it is random.
    /// </summary>
    internal static async Task<CaseReceipt> SubmitToCaseGrain(GrainReferences grains, TrackingNumbers numbers, string caller, string idempotencyKey, SubmitCase command)
    {
        if (idempotencyKey.Length > 0) return await KeyedIntake.Submit(grains.Get<ICaseGrain>(numbers.FromIdempotencyKey(caller, idempotencyKey)), command);
        return await FreshIntake.Submit(grains.Get<ICaseGrain>, numbers, command);
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers, CityDirectory city)
    {
        var view = await Load(id, grains, numbers);
        var scope = user.Scope();
        scope.DemandCase(view);
        return TypedResults.Ok(view.ToResponse(city, scope.SeesContact));
    }

    private static async Task<IResult> Verify(string id, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers)
    {
        var view = await Load(id, grains, numbers);
        user.Scope().DemandCase(view);
        var verdict = HistoryVerifier.Verify(view);
        return TypedResults.Ok(new VerifyResponse(view.Id, verdict.Valid, verdict.Entries, verdict.FirstBrokenSequence, verdict.Reason));
    }

    private static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, ICaseIndex index, IOptions<JsonOptions> json)
    {
        var scope = user.Scope();
        var query = scope.Restrict(ParseQuery(request.Query));
        return TypedResults.Ok(JointCaseEndpoints.WithRoles(await index.Search(query), query, scope, json.Value.SerializerOptions));
    }

    internal static CaseQuery ParseQuery(IQueryCollection q)
    {
        var read = new QueryReader(q);
        var query = new CaseQuery(read.Text("department"), read.Enum<CaseStatus>("status", $"Unknown status '{read.Text("status")}'."), read.Text("category"), read.Text("district"), read.Date("from"), read.Date("to"),
            read.Page(), read.PageSize(), CoDepartmentId: read.Text("coDepartment"));
        read.ThrowIfInvalid();
        return query;
    }

    /// <summary>A POST /api/cases/{id}/{verb} command; the body may be omitted when it has no required field.</summary>
    private static void MapCommand<TBody>(RouteGroupBuilder group, string verb, string policy, TBody emptyBody,
        Func<ICaseGrain, string, Actor, TBody, Task<TransitionResult>> send) where TBody : class
    {
        group.MapPost($"/{{id}}/{verb}", async (string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TrackingNumbers numbers) =>
            {
                if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
                var body = await BodyOrEmpty(request, emptyBody);
                var result = await send(grains.GetGrain<ICaseGrain>(id), RequestId(request, user), user.ToActor(), body);
                return TypedResults.Ok(result.ToResponse());
            })
            .RequireAuthorization(policy)
            .Accepts<TBody>("application/json")
            .Produces<TransitionResponse>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary($"{char.ToUpperInvariant(verb[0])}{verb[1..]} a case");
    }

    /// <summary>The command's body; <paramref name="emptyBody"/> when none was sent.</summary>
    internal static async Task<TBody> BodyOrEmpty<TBody>(HttpRequest request, TBody emptyBody) where TBody : class =>
        request.ContentLength is 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType))
            ? emptyBody
            : await JsonBody.Read<TBody>(request);

    /// <summary>
    /// A command's request id: the caller's Idempotency-Key scoped by the caller, so a retry is a
    /// no-op; without a key every call is a new command.
    /// </summary>
    internal static string RequestId(HttpRequest request, ClaimsPrincipal user)
    {
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 200) throw ValidationException.For(IdempotencyHeader, "At most 200 characters.");
        return key.Length > 0 ? $"{user.Name()}:{key}" : Guid.NewGuid().ToString("N");
    }

    private static async Task<CaseView> Load(string id, IGrainFactory grains, TrackingNumbers numbers)
    {
        // Malformed numbers are answered without activating a grain.
        if (!numbers.IsWellFormed(id)) throw new CaseNotFoundException(id);
        return await grains.GetGrain<ICaseGrain>(id).Get();
    }
}
