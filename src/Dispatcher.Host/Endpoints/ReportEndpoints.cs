using System.Security.Claims;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Reports;
using Dispatcher.Host.Security;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/reports: monthly bulletin, quarterly difficult cases, annual assessment (R8), JSON or CSV. Built in Domain.Reports.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Oversight);
        group.MapGet("/monthly", Monthly).WithSummary("Monthly bulletin: every department ranked; best three praised, worst three criticised");
        group.MapGet("/quarterly", Quarterly).WithSummary("Quarterly difficult cases: overdue, returned twice or more, reopened, escalated, suspected fake closure");
        group.MapGet("/annual", Annual).WithSummary("Annual assessment export per department");
        return app;
    }

    private static async Task<IResult> Monthly(string? month, string? format, ClaimsPrincipal user, IGrainFactory grains, ICaseIndex index, CityDirectory city, TimeProvider clock)
    {
        var scope = user.Scope();
        month ??= city.MonthOf(clock.GetUtcNow());
        var from = ReportPeriods.MonthStart(month, city.UtcOffset);
        var stats = await Task.WhenAll(city.Departments.Select(d => grains.GetGrain<IDepartmentGrain>(d.Id).GetStats(month)));
        var firstContact = await index.Search(new CaseQuery(Status: CaseStatus.ClosedAtFirstContact, From: from, To: from.AddMonths(1), PageSize: 1));
        var bulletin = ReportBuilder.Monthly(month, city.Departments.Zip(stats, (d, s) => (d.Id, d.Name, s)), clock.GetUtcNow(), firstContact.Total);
        // Ranked city-wide; an attached supervisor gets its departments' lines (with their city-wide rank) only.
        if (!scope.IsCityWide)
        {
            bulletin = bulletin with
            {
                Lines = bulletin.Lines.Where(l => scope.Covers(l.DepartmentId)).ToArray(),
                Praised = bulletin.Praised.Where(scope.Covers).ToArray(),
                Criticised = bulletin.Criticised.Where(scope.Covers).ToArray(),
                FirstContactClosed = 0,
            };
        }
        return IsCsv(format) ? CsvText(ReportCsv.Monthly(bulletin)) : TypedResults.Ok(bulletin);
    }

    private static async Task<IResult> Quarterly(string? quarter, string? format, ClaimsPrincipal user, ICaseIndex index, CityDirectory city, TimeProvider clock)
    {
        var scope = user.Scope();
        quarter ??= ReportPeriods.QuarterOf(clock.GetUtcNow(), city.UtcOffset);
        var from = ReportPeriods.QuarterStart(quarter, city.UtcOffset);
        var rows = new List<CaseIndexRow>();
        for (var page = 1; ; page++)
        {
            var result = await index.Search(scope.Restrict(new CaseQuery(From: from, To: from.AddMonths(3), Page: page, PageSize: 500, DifficultOnly: true), coHandled: false));
            rows.AddRange(result.Items);
            if (rows.Count >= result.Total || result.Items.Count == 0) break;
        }
        var review = ReportBuilder.Quarterly(quarter, rows, clock.GetUtcNow());
        return IsCsv(format) ? CsvText(ReportCsv.Quarterly(review)) : TypedResults.Ok(review);
    }

    private static async Task<IResult> Annual(int? year, string? format, ClaimsPrincipal user, IGrainFactory grains, CityDirectory city, TimeProvider clock)
    {
        var scope = user.Scope();
        var y = ReportPeriods.Year(year, clock.GetUtcNow(), city.UtcOffset);
        var months = ReportPeriods.MonthsOf(y);
        var departments = await Task.WhenAll(city.Departments.Where(d => scope.Covers(d.Id)).Select(async d =>
        {
            var department = grains.GetGrain<IDepartmentGrain>(d.Id);
            IReadOnlyList<DepartmentStats> stats = await Task.WhenAll(months.Select(department.GetStats));
            return (d.Id, d.Name, stats);
        }));
        var assessment = ReportBuilder.Annual(y, departments, clock.GetUtcNow());
        return IsCsv(format) ? CsvText(ReportCsv.Annual(assessment)) : TypedResults.Ok(assessment);
    }

    private static bool IsCsv(string? format) => format switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw ValidationException.For("format", "Use json or csv."),
    };

    private static IResult CsvText(string csv) => Results.Text(csv, "text/csv; charset=utf-8");
}
