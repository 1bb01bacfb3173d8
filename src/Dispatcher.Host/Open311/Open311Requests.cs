using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>
/// A case → an Open311 service request, with no personal data: no name, phone or e-mail, and the
/// address only as the reporter gave the location. service_request_id is the case's tracking number.
/// </summary>
public static class Open311Requests
{
    public static Open311Document Document(IEnumerable<Open311Value> requests) =>
        new("service_requests", new Open311List("request", requests.ToArray()));

    public static Open311Object ToRequest(CaseView view, CityDirectory city, bool extensions)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(city);
        var intake = view.Intake;
        var shown = PublicHistory.Of(view.History).ToArray();
        var closed = Open311Statuses.IsClosed(view.Status);
        var fields = new List<Open311Field>
        {
            new("service_request_id", view.Id),
            new("status", Open311Statuses.Standard(view.Status)),
            new("status_notes", PublicHistory.LatestReply(view.History)),
            new("service_name", city.FindCategory(intake.Category)?.Name ?? intake.Category),
            new("service_code", intake.Category),
            new("description", intake.Description),
            new("agency_responsible", Agency(view, city)),
            new("service_notice", view.MergedInto is { } primary ? MergedNotice(primary) : null),
            new("requested_datetime", Open311Dates.Format(view.CreatedAt, city)),
            new("updated_datetime", Open311Dates.Format(shown.Length > 0 ? shown[^1].At : view.CreatedAt, city)),
            new("expected_datetime", Open311Dates.Format(closed ? null : (view.Deadlines ?? []).Where(d => !d.Done).Select(d => (DateTimeOffset?)d.Due).Min(), city)),
            new("address", intake.Address),
            new("address_id", (string?)null),
            new("zipcode", (string?)null),
            new("lat", new Open311Number(intake.Latitude)),
            new("long", new Open311Number(intake.Longitude)),
            new("media_url", intake.AttachmentUrls is [var first, ..] ? first : null),
        };
        if (extensions)
        {
            fields.Add(new("extended_attributes", Open311Object.Of(
                ("status", Open311Statuses.Extended(view.Status)),
                ("external_status_code", Open311Statuses.External(view.Status)),
                ("channel", intake.Channel),
                ("duplicate", view.MergedInto is not null),
                ("parent_service_request_id", view.MergedInto),
                ("notes", new Open311List("note", shown.Select(h => (Open311Value)Open311Object.Of(
                    ("datetime", Open311Dates.Format(h.At, city)),
                    ("description", Open311Updates.Describe(h, view, city)),
                    ("type", ActionName(h.Action)))).ToArray())))));
        }
        return new Open311Object(fields);
    }

    public static string MergedNotice(string primary) =>
        $"Another report of the same incident at the same place is open as {primary}: this report was joined to it (并单) and is followed there.";

    /// <summary>The department that has the case, or the partner line it was handed to; none while it waits for a dispatcher.</summary>
    public static string? Agency(CaseView view, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(city);
        if (view.Status == CaseStatus.TransferredOut)
            return city.PartnerFor(view.Intake.Category, view.Intake.District, view.Intake.OriginLine)?.Name;
        return view.DepartmentId is { } id ? city.FindDepartment(id)?.Name ?? id : null;
    }

    /// <summary>"reply", "acknowledge": the action as our API names it.</summary>
    public static string ActionName(CaseAction action) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(action.ToString());
}
