using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>
/// mySociety's Open311 extended <c>servicerequestupdates</c>: one update per public history entry
/// (<see cref="PublicHistory"/>). update_id is "{service_request_id}-{sequence}": history is
/// append-only, so an entry's id never changes and a client can drop repeats.
/// </summary>
public static class Open311Updates
{
    public static Open311Document Document(IEnumerable<Open311Value> updates) =>
        new("service_request_updates", new Open311List("request_update", updates.ToArray()));

    /// <summary>The case's public entries whose time is in [from, to], oldest first.</summary>
    public static IEnumerable<(DateTimeOffset At, Open311Object Update)> Of(CaseView view, CityDirectory city, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(city);
        return PublicHistory.Of(view.History).Where(h => h.At >= from && h.At <= to).Select(h => (h.At, Open311Object.Of(
            ("update_id", $"{view.Id}-{h.Sequence}"),
            ("service_request_id", view.Id),
            ("status", Open311Statuses.Extended(h.To)),
            ("updated_datetime", Open311Dates.Format(h.At, city)),
            ("description", Describe(h, view, city)),
            ("media_url", (string?)null),
            ("external_status_code", Open311Statuses.External(h.To)))));
    }

    /// <summary>What a public entry says: a reply's or resolution's own text, otherwise a fixed sentence (never an internal note).</summary>
    public static string Describe(HistoryEntry entry, CaseView view, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(city);
        if (PublicHistory.PublicText(entry) is { Length: > 0 } text) return text;
        var department = entry.DepartmentId is { } id ? city.FindDepartment(id)?.Name ?? id : "the department";
        return entry.Action switch
        {
            CaseAction.Submit => "Report received by 12345.",
            CaseAction.Route or CaseAction.Dispatch => $"Sent to {department}.",
            CaseAction.Acknowledge => $"Signed for by {department}.",
            CaseAction.Start => $"{department} started work.",
            CaseAction.Reply => $"{department} replied.",
            CaseAction.Resolve => $"{department} resolved it.",
            CaseAction.Close => "Closed.",
            CaseAction.Reopen => "Reopened.",
            CaseAction.TransferOut => $"Handed to {city.PartnerFor(view.Intake.Category, view.Intake.District, view.Intake.OriginLine)?.Name ?? "a partner hotline"}.",
            CaseAction.PartnerOutcome => "The partner hotline reported its outcome.",
            CaseAction.Callback => "The reporter was called back.",
            CaseAction.AnswerAtFirstContact => "Answered at first contact.",
            _ => "Updated.",
        };
    }
}
