using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Grains.Shared;
using Dispatcher.Host.Endpoints;
using Dispatcher.Host.Hosting;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;

namespace Dispatcher.Host.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2 (ADR-022), every method in .xml and .json. Reads are public
/// (no key, no personal data, limited per client address); create authenticates by the api_key form
/// field and goes through the same intake call as POST /api/cases. Every refusal is in Open311's shape.
/// </summary>
public static class Open311Endpoints
{
    public const string BasePath = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup(BasePath).WithTags("Open311").AllowAnonymous().AddEndpointFilter(Open311Errors.Filter);
        Read(open311.MapGet("/discovery.{format}", Discovery), "Discovery: endpoint, formats, where keys come from");
        Read(open311.MapGet("/services.{format}", (string format, HttpRequest request, CityDirectory city) =>
            Answer(format, request, city, () => Open311Services.List(city))), "Service list: one service per category of the catalogue");
        Read(open311.MapGet("/services/{service_code}.{format}", (string service_code, string format, HttpRequest request, CityDirectory city) =>
            Answer(format, request, city, () => Open311Services.Definition(city, service_code))), "Service definition: the category's routing attributes");
        Read(open311.MapGet("/tokens/{token}.{format}", Token), "Request id from a token (none are issued: create answers with the id at once)");
        Read(open311.MapGet("/requests.{format}", List), "Service requests: filters, paging, extensions=true");
        Read(open311.MapGet("/requests/{service_request_id}.{format}", One), "One service request by its tracking number");
        Read(open311.MapGet("/servicerequestupdates.{format}", Updates), "Open311 extended: public updates between start_date and end_date");
        open311.MapPost("/requests.{format}", Create)
            .WithSummary("Create a service request: api_key (a channel's or partner line's key) as a form field");
        open311.Map("/{**path}", (string? path) => Refuse(path))
            .WithSummary("Anything else under /open311/v2: 404 in Open311's shape");
        return app;
    }

    private static void Read(RouteHandlerBuilder endpoint, string summary) =>
        endpoint.WithMetadata(new Open311RateLimit()).WithSummary(summary);

    /// <summary>The format and jurisdiction every read checks first; then the answer.</summary>
    private static Open311Result Answer(string format, HttpRequest request, CityDirectory city, Func<Open311Document> document)
    {
        var chosen = Open311Formats.Parse(format);
        Open311Jurisdiction.Check(request.Query[Open311Jurisdiction.Argument], city);
        return new Open311Result(document(), chosen);
    }

    private static Open311Result Discovery(string format, HttpRequest request, CityDirectory city) =>
        Answer(format, request, city, () => Open311Discovery.Document(city, $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}"));

    private static Open311Result Token(string token, string format, HttpRequest request, CityDirectory city) =>
        Answer(format, request, city, () => throw new Open311Exception(StatusCodes.Status404NotFound,
            $"Unknown token '{Open311Texts.Echo(token)}': this endpoint issues no tokens, create answers with the service_request_id."));

    private static IResult Refuse(string? path)
    {
        var suffix = Path.GetExtension(path ?? "").TrimStart('.');
        var format = Open311Formats.TryParse(suffix, out var known) ? known : Open311Format.Xml;
        return Open311Errors.Result(new Open311Exception(StatusCodes.Status404NotFound, "No such Open311 method."), format);
    }

    private static async Task<Open311Result> Create(string format, HttpRequest request, GrainReferences grains, TrackingNumbers numbers, CityDirectory city, ApiKeyStore keys)
    {
        var chosen = Open311Formats.Parse(format);
        var form = await Open311Form.Read(request);
        var caller = Open311Intake.Caller(form, keys);
        Open311Jurisdiction.Check(Open311Intake.Argument(form, Open311Jurisdiction.Argument), city);
        var command = Open311Intake.Command(form, caller.ToActor(), city);
        var key = request.Headers[CaseEndpoints.IdempotencyHeader].ToString();
        if (key.Length > 200) throw Open311Exception.BadArgument(CaseEndpoints.IdempotencyHeader, "At most 200 characters.");
        var receipt = await CaseEndpoints.SubmitToCaseGrain(grains, numbers, caller.Name(), key, command);
        var answer = Open311Requests.Document([Open311Object.Of(("service_request_id", receipt.CaseId), ("service_notice", Notice(receipt, command, city)))]);
        return new Open311Result(answer, chosen, receipt.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>What the reporter should know at once: the public notice of an open surge incident, where the report went, or the incident it joined.</summary>
    private static string Notice(CaseReceipt receipt, SubmitCase command, CityDirectory city) => receipt switch
    {
        { Surge: { } surge } => surge.Notice,
        { MergedInto: { } primary } => Open311Requests.MergedNotice(primary),
        { Status: CaseStatus.TransferredOut } =>
            $"Handed to {city.PartnerFor(command.Intake.Category, command.Intake.District, command.Intake.OriginLine)?.Name ?? "a partner hotline"}, which handles it.",
        { DepartmentId: { } department } => $"Sent to {city.FindDepartment(department)?.Name ?? department}.",
        _ => "Received; a call-taker will send it to the responsible department.",
    };

    private static async Task<Open311Result> One(string service_request_id, string format, HttpRequest request, IGrainFactory grains, TrackingNumbers numbers, CityDirectory city)
    {
        var chosen = Open311Formats.Parse(format);
        Open311Jurisdiction.Check(request.Query[Open311Jurisdiction.Argument], city);
        var extensions = Open311Query.ExtensionsOf(request.Query);
        var view = await Load(service_request_id, grains, numbers)
            ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"No service request '{Open311Texts.Echo(service_request_id)}'.");
        return new Open311Result(Open311Requests.Document([Open311Requests.ToRequest(view, city, extensions)]), chosen);
    }

    private static async Task<Open311Result> List(string format, HttpRequest request, IGrainFactory grains, TrackingNumbers numbers, CityDirectory city, ICaseIndex index, TimeProvider clock)
    {
        var chosen = Open311Formats.Parse(format);
        var query = Open311Query.Parse(request.Query, city, clock.GetUtcNow());
        var ids = query.Ids ?? (await index.Search(query.Index, request.HttpContext.RequestAborted)).Items.Select(r => r.Id).ToArray();
        var views = await Task.WhenAll(ids.Select(id => Load(id, grains, numbers)));
        return new Open311Result(Open311Requests.Document(views.OfType<CaseView>().Select(v => (Open311Value)Open311Requests.ToRequest(v, city, query.Extensions))), chosen);
    }

    private static async Task<Open311Result> Updates(string format, HttpRequest request, IGrainFactory grains, TrackingNumbers numbers, CityDirectory city, ICaseIndex index, TimeProvider clock)
    {
        var chosen = Open311Formats.Parse(format);
        var query = Open311Query.Parse(request.Query, city, clock.GetUtcNow());
        // Cases updated since start_date that existed by end_date: every public entry in the window is on one of them.
        var search = query.Index with { From = null, UpdatedFrom = query.Start, Statuses = Open311Statuses.Matching(open: true, closed: true) };
        var rows = await index.Search(search, request.HttpContext.RequestAborted);
        var views = await Task.WhenAll(rows.Items.Select(r => Load(r.Id, grains, numbers)));
        var updates = views.OfType<CaseView>().SelectMany(v => Open311Updates.Of(v, city, query.Start, query.End))
            .OrderBy(u => u.At).Select(u => (Open311Value)u.Update);
        return new Open311Result(Open311Updates.Document(updates), chosen);
    }

    /// <summary>A service request by its tracking number; null when there is none (or it is a consultation answered at first contact).</summary>
    private static async Task<CaseView?> Load(string id, IGrainFactory grains, TrackingNumbers numbers)
    {
        if (!numbers.IsWellFormed(id)) return null;
        try
        {
            var view = await grains.GetGrain<ICaseGrain>(id).Get();
            return Open311Statuses.IsServiceRequest(view.Status) ? view : null;
        }
        catch (CaseNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Open311 reads are under the per-client limit; a refusal is an Open311 error (429) in the request's format.</summary>
    private sealed class Open311RateLimit : PublicLookupRateLimits.PerClientMarker
    {
        public override Task Refuse(HttpContext http, int retryAfterSeconds) =>
            Open311Errors.Result(new Open311Exception(StatusCodes.Status429TooManyRequests,
                $"Too many requests from this address; try again in {retryAfterSeconds} s."), Open311Formats.Of(http)).ExecuteAsync(http);
    }
}
