using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Host.Open311;

/// <summary>
/// Our statuses in Open311's terms — the one place they are mapped. The standard field knows only
/// open and closed; the extended status (mySociety's Open311 extended, as FixMyStreet reads it) says more.
/// A consultation answered at first contact is not a service request and is never served.
/// </summary>
public static class Open311Statuses
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static bool IsServiceRequest(CaseStatus status) => status != CaseStatus.ClosedAtFirstContact;

    /// <summary>Resolved (the department's answer is in), closed, and a merged report (the incident is followed under its own number).</summary>
    public static bool IsClosed(CaseStatus status) => status is CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.Merged;

    public static string Standard(CaseStatus status) => IsClosed(status) ? Closed : Open;

    public static string Extended(CaseStatus status) => status switch
    {
        CaseStatus.Received or CaseStatus.Dispatched => "OPEN",
        CaseStatus.Triage or CaseStatus.Returned or CaseStatus.Arbitration => "FOR_TRIAGE",
        CaseStatus.Acknowledged => "INVESTIGATING",
        CaseStatus.InProgress => "IN_PROGRESS",
        CaseStatus.Replied => "ACTION_SCHEDULED",
        CaseStatus.Resolved => "FIXED",
        CaseStatus.Closed => "CLOSED",
        CaseStatus.Reopened => "REOPEN",
        CaseStatus.Merged => "DUPLICATE",
        CaseStatus.TransferredOut => "INTERNAL_REFERRAL",
        _ => "NO_FURTHER_ACTION",
    };

    /// <summary>Our own status name as the HTTP API writes it ("inProgress"): Open311's external_status_code.</summary>
    public static string External(CaseStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The statuses a list filter stands for ("open", "closed" or both), service requests only.</summary>
    public static IReadOnlySet<CaseStatus> Matching(bool open, bool closed) =>
        Enum.GetValues<CaseStatus>().Where(s => IsServiceRequest(s) && (IsClosed(s) ? closed : open)).ToHashSet();
}
