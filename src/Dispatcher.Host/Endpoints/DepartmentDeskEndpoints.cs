using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// /api/departments/{id}/desk?filter=all, mine or unassigned: the clerk's worklist (R4, R5) — the department's open cases ordered by
/// what breaches first, each with its next deadline. One inbox read and one index search per
/// open status, never a read of every case: the deadline is the case index's own column (ADR-025).
/// </summary>
public static class DepartmentDeskEndpoints
{
    /// <summary>
    /// One open case with the start and due time of its next deadline (null when it has none left);
    /// Role says whether the department leads it or co-handles it (ADR-027; then the deadline is its co-part's).
    /// </summary>
    public sealed record DeskItem(string CaseId, CaseStatus Status, string Category, string District, CasePriority Priority,
        DateTimeOffset AssignedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DueAt, bool Overdue, string? ClaimedBy, CaseRole Role = CaseRole.Lead);

    private static DeskItem Item(InboxItem i, DateTimeOffset? due, bool overdue, string? claimedBy) =>
        new(i.CaseId, i.Status, i.Category, i.District, i.Priority, i.AssignedAt, i.UpdatedAt, due, overdue, claimedBy, i.Role);

    private static DateTimeOffset? NextDue(IEnumerable<DeadlineView>? deadlines) => deadlines?.Where(d => !d.Done).Select(d => (DateTimeOffset?)d.Due).Min();

    /// <summary>The worklist filter: every open case, the caller's own, or those nobody has claimed.</summary>
    private static bool Shows(string? filter, DeskItem item, string me) => filter switch
    {
        "mine" => item.ClaimedBy == me,
        "unassigned" => item.ClaimedBy is null,
        _ => true,
    };

    public static IEndpointRouteBuilder MapDepartmentDeskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departments/{id}/desk", async (string id, string? filter, ClaimsPrincipal user, IGrainFactory grains, CityDirectory city, ICaseIndex index) =>
            {
                DepartmentEndpoints.Authorize(id, user, city);
                if (filter is not (null or "all" or "mine" or "unassigned")) throw Dispatcher.Abstractions.Errors.ValidationException.For("filter", "Use all, mine or unassigned.");
                var inbox = await grains.GetGrain<IDepartmentGrain>(id).GetInbox();
                var rows = new Dictionary<string, CaseIndexRow>(StringComparer.Ordinal);
                foreach (var status in inbox.Select(i => i.Status).Distinct())
                {
                    var page = await index.Search(new CaseQuery(DepartmentId: id, Status: status, PageSize: 1000));
                    foreach (var row in page.Items) rows[row.Id] = row;
                }
                var items = await Task.WhenAll(inbox.Select(async i =>
                {
                    // The index row is written just after the department hears of a change: a row not yet
                    // there or behind the inbox is read from the case itself (only those few cases).
                    if (i.Role == CaseRole.Lead && rows.TryGetValue(i.CaseId, out var r) && r.Status == i.Status) return Item(i, r.DeadlineAt, r.Overdue, r.ClaimedBy);
                    var view = await grains.GetGrain<ICaseGrain>(i.CaseId).Get();
                    // A co-part's clock is its own, kept on the case (a department co-handles few cases, so these reads are few).
                    if (i.Role == CaseRole.Co && view.CoDepartments?.FirstOrDefault(p => p.DepartmentId == id) is { } part)
                        return Item(i, NextDue(part.Deadlines), part.Deadlines.Any(d => d.Breached), null);
                    return Item(i, NextDue(view.Deadlines), view.Overdue, view.ClaimedBy);
                }));
                return TypedResults.Ok(items.Where(d => Shows(filter, d, user.Name())).OrderBy(d => d.DueAt ?? DateTimeOffset.MaxValue).ThenBy(d => d.AssignedAt).ToArray());
            })
            .WithTags("Departments").RequireAuthorization(Policies.Staff).Produces<DeskItem[]>()
            .WithSummary("A department's open cases, the first to breach first, with each one's next deadline");
        return app;
    }
}
