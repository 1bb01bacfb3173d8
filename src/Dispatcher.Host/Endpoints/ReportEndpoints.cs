using System.Globalization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Reports;
using Dispatcher.Storage.Ports;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/reports: monthly bulletin, quarterly difficult cases, annual assessment (R8), JSON or CSV.</summary>
public static class ReportEndpoints
{
    private static readonly string[] StatsHeader =
    [
        "received", "acknowledged", "acknowledgedOnTime", "replied", "repliedOnTime", "resolved", "returned", "withdrawn", "reopened",
        "overdue", "supervised", "escalated", "satisfied", "basicallySatisfied", "unsatisfied", "finishedOnTime", "finishedLate",
        "openOverdue", "replyRate", "resolutionRate", "onTimeRate", "satisfactionRate",
    ];

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Oversight);
        group.MapGet("/monthly", Monthly).WithSummary("Monthly bulletin: every department ranked; best three praised, worst three criticised");
        group.MapGet("/quarterly", Quarterly).WithSummary("Quarterly difficult cases: overdue, returned twice or more, reopened, escalated");
        group.MapGet("/annual", Annual).WithSummary("Annual assessment export per department");
        return app;
    }

    private static async Task<IResult> Monthly(string? month, string? format, IGrainFactory grains, ICaseIndex index, CityDirectory city, TimeProvider clock)
    {
        month ??= city.MonthOf(clock.GetUtcNow());
        if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw ValidationException.For("month", "Use YYYY-MM.");
        var stats = await Task.WhenAll(city.Departments.Select(d => grains.GetGrain<IDepartmentGrain>(d.Id).GetStats(month)));
        var from = new DateTimeOffset(DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture), city.UtcOffset);
        var firstContact = await index.Search(new CaseQuery(Status: CaseStatus.ClosedAtFirstContact, From: from, To: from.AddMonths(1), PageSize: 1));
        var bulletin = ReportBuilder.Monthly(month, city.Departments.Zip(stats, (d, s) => (d.Id, d.Name, s)), clock.GetUtcNow())
            with { FirstContactClosed = firstContact.Total };
        if (!IsCsv(format)) return TypedResults.Ok(bulletin);
        var csv = Csv.Write(["rank", "departmentId", "departmentName", "score", "verdict", .. StatsHeader],
            bulletin.Lines.Select(l => new object?[] { l.Rank, l.DepartmentId, l.DepartmentName, l.Score, l.Verdict }.Concat(Values(l.Stats))));
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    private static async Task<IResult> Quarterly(string? quarter, string? format, ICaseIndex index, CityDirectory city, TimeProvider clock)
    {
        var local = clock.GetUtcNow().ToOffset(city.UtcOffset);
        quarter ??= $"{local.Year}-Q{(local.Month - 1) / 3 + 1}";
        var parts = quarter.Split("-Q");
        if (parts.Length != 2 || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], out var q) || q is < 1 or > 4 || year is < 2000 or > 2100)
            throw ValidationException.For("quarter", "Use YYYY-Qn, e.g. 2026-Q4.");
        var from = new DateTimeOffset(year, (q - 1) * 3 + 1, 1, 0, 0, 0, city.UtcOffset);
        var rows = new List<CaseIndexRow>();
        for (var page = 1; ; page++)
        {
            var result = await index.Search(new CaseQuery(From: from, To: from.AddMonths(3), Page: page, PageSize: 500, DifficultOnly: true));
            rows.AddRange(result.Items);
            if (rows.Count >= result.Total || result.Items.Count == 0) break;
        }
        var items = rows.Select(r => new DifficultCase(r.Id, r.Category, r.District, r.DepartmentId, r.Status, r.CreatedAt, r.Returns, r.Reopened,
            r.Overdue, r.Escalated, Reasons(r))).ToArray();
        if (!IsCsv(format)) return TypedResults.Ok(new QuarterlyReview(quarter, clock.GetUtcNow(), items));
        var csv = Csv.Write(["caseId", "category", "district", "departmentId", "status", "createdAt", "returns", "reopened", "overdue", "escalated", "reasons"],
            items.Select(i => new object?[] { i.CaseId, i.Category, i.District, i.DepartmentId, i.Status, i.CreatedAt, i.Returns, i.Reopened, i.Overdue, i.Escalated, string.Join("; ", i.Reasons) }));
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    private static async Task<IResult> Annual(int? year, string? format, IGrainFactory grains, CityDirectory city, TimeProvider clock)
    {
        var y = year ?? clock.GetUtcNow().ToOffset(city.UtcOffset).Year;
        if (y is < 2000 or > 2100) throw ValidationException.For("year", "Use a four-digit year.");
        var months = Enumerable.Range(1, 12).Select(m => $"{y:D4}-{m:D2}").ToArray();
        var lines = await Task.WhenAll(city.Departments.Select(async d =>
        {
            var department = grains.GetGrain<IDepartmentGrain>(d.Id);
            var stats = await Task.WhenAll(months.Select(department.GetStats));
            return new AnnualLine(d.Id, d.Name, ReportBuilder.Total(d.Id, y.ToString(CultureInfo.InvariantCulture), stats), stats);
        }));
        var report = new AnnualAssessment(y, clock.GetUtcNow(), lines);
        if (!IsCsv(format)) return TypedResults.Ok(report);
        var csv = Csv.Write(["departmentId", "departmentName", "score", .. StatsHeader],
            lines.Select(l => new object?[] { l.DepartmentId, l.DepartmentName, ReportBuilder.Score(l.Totals) }.Concat(Values(l.Totals))));
        return Results.Text(csv, "text/csv; charset=utf-8");
    }

    private static bool IsCsv(string? format) => format switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw ValidationException.For("format", "Use json or csv."),
    };

    private static object?[] Values(DepartmentStats s) =>
    [
        s.Received, s.Acknowledged, s.AcknowledgedOnTime, s.Replied, s.RepliedOnTime, s.Resolved, s.Returned, s.Withdrawn, s.Reopened,
        s.Overdue, s.Supervised, s.Escalated, s.Satisfied, s.BasicallySatisfied, s.Unsatisfied, s.FinishedOnTime, s.FinishedLate,
        s.OpenOverdue, s.ReplyRate, s.ResolutionRate, s.OnTimeRate, s.SatisfactionRate,
    ];

    private static string[] Reasons(CaseIndexRow r) =>
        new[] { r.Overdue ? "overdue" : null, r.Returns >= 2 ? $"returned {r.Returns}×" : null, r.Reopened > 0 ? "reopened" : null, r.Escalated ? "escalated" : null }
            .OfType<string>().ToArray();

    public sealed record DifficultCase(string CaseId, string Category, string District, string? DepartmentId, CaseStatus Status,
        DateTimeOffset CreatedAt, int Returns, int Reopened, bool Overdue, bool Escalated, string[] Reasons);

    public sealed record QuarterlyReview(string Quarter, DateTimeOffset GeneratedAt, IReadOnlyList<DifficultCase> Cases);
}
