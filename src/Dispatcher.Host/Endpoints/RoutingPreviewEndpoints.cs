using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// /api/routing/preview: what the call being typed would do if it were taken now — the partner line
/// it goes to, the open surge incident or the open case it joins, or the department and rule it is
/// routed to — and the knowledge-base answers for its text. It asks the intake's own decision (IntakePlanner.PathFor)
/// and the routers, and stores nothing (it registers no incident and counts nothing).
/// </summary>
public static class RoutingPreviewEndpoints
{
    public sealed record PreviewRequest(string? Category, string? District, string? Address, double? Lat, double? Long,
        Dictionary<string, string>? Attributes, string? Text, string? OriginLine);

    /// <summary><c>path</c> is <c>partner</c>, <c>surge</c> (joins the lead case of the pair's open surge incident), <c>join</c>, <c>route</c> or <c>triage</c>.</summary>
    public sealed record PreviewResponse(string Path, string? DepartmentId, string? DepartmentName, string? RuleId, string? RuleDescription,
        string? PartnerLineId, string? PartnerName, string? JoinsCaseId, IReadOnlyList<KnowledgeEntry> Answers,
        IReadOnlyDictionary<string, string[]> AttributeOptions, string? SurgeId = null);

    public static IEndpointRouteBuilder MapRoutingPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/routing/preview", Preview).WithTags("Routing").RequireAuthorization(Policies.Dispatcher)
            .Accepts<PreviewRequest>("application/json").Produces<PreviewResponse>().ProducesValidationProblem()
            .WithSummary("Where the call being typed would go, the open incident it would join, and first-contact answers; stores nothing");
        return app;
    }

    private static async Task<PreviewResponse> Preview(HttpRequest request, IGrainFactory grains, CityDirectory city, IntakePlanner planner, TimeProvider clock)
    {
        var body = await JsonBody.Read<PreviewRequest>(request);
        var errors = new Dictionary<string, string[]>();
        if (body.Category is null || city.FindCategory(body.Category) is null) errors["category"] = ["Unknown category."];
        if (body.District is null || city.FindDistrict(body.District) is null) errors["district"] = ["Unknown district."];
        if (body.Text?.Length > 4000) errors["text"] = ["At most 4000 characters."];
        if (errors.Count > 0) throw new ValidationException(errors);
        var (category, district) = (body.Category!, body.District!);

        var table = await grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey).Get();
        var options = AttributeOptions(table.Rules, category);
        var answers = await grains.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey).Suggest(category, body.Text ?? "", 3);
        var surge = await OpenSurge(grains, category, district);
        var path = planner.PathFor(category, district, body.OriginLine, surge is null ? null : Notice(surge));
        if (path is IntakePath.TransferToPartner partner)
            return new("partner", null, null, null, null, partner.Line.Id, partner.Line.Name, null, answers, options);
        // Joins the lead while it takes reporters; with no lead yet (or one its department resolved) this report leads and routes.
        if (path is IntakePath.JoinSurge && surge!.LeadCaseIds is [.., var lead]
            && await grains.GetGrain<ICaseGrain>(lead).Get() is { Status: not (CaseStatus.Resolved or CaseStatus.Closed) } leading)
            return new("surge", leading.DepartmentId, Name(city, leading.DepartmentId), leading.RuleId, null, null, null, lead, answers, options, surge.Id);
        if (path is IntakePath.JoinIncidentOrRoute join &&
            await grains.GetGrain<IIncidentGrain>(join.IncidentKey).Find(body.Address, body.Lat, body.Long) is { } open)
        {
            var joined = await grains.GetGrain<ICaseGrain>(open).Get();
            return new("join", joined.DepartmentId, Name(city, joined.DepartmentId), joined.RuleId, null, null, null, open, answers, options);
        }
        var decision = await grains.GetGrain<IRouterGrain>(0).Route(category, district, body.Attributes ?? [], clock.GetUtcNow());
        var rule = table.Rules.FirstOrDefault(r => r.Id == decision.RuleId);
        return new(decision.DepartmentId is null ? "triage" : "route", decision.DepartmentId, Name(city, decision.DepartmentId),
            decision.RuleId, rule?.Description, null, null, null, answers, options);
    }

    /// <summary>The pair's open surge incident, read from the registry's list: asking it to attach the pair would count as a pair seen.</summary>
    private static async Task<SurgeView?> OpenSurge(IGrainFactory grains, string category, string district)
    {
        var open = (await grains.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).List(SurgeStatus.Open))
            .FirstOrDefault(e => e.Category == category && e.District == district);
        return open is null ? null : await grains.GetGrain<ISurgeGrain>(open.Id).Get();
    }

    private static SurgeNotice Notice(SurgeView s) => new(s.Id, s.Category, s.District, s.Title, s.Notice, s.Script, s.OpenedAt);

    private static string? Name(CityDirectory city, string? departmentId) => departmentId is null ? null : city.FindDepartment(departmentId)?.Name;

    /// <summary>The attributes the rules of this category look at, with the values they match: the intake form offers them.</summary>
    private static Dictionary<string, string[]> AttributeOptions(IEnumerable<RoutingRule> rules, string category) =>
        rules.Where(r => r.Category == category && r.Attributes is not null)
            .SelectMany(r => r.Attributes!)
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}
