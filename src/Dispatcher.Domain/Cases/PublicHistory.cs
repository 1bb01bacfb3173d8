using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases;

/// <summary>
/// What of a case's history the public may see (R6, Open311): the steps a citizen follows — taken,
/// routed, dispatched, signed for, started, replied, resolved, closed, reopened, handed to or back
/// from a partner line, called back — never warnings, supervision, returns, arbitration or
/// triage. Only a department's reply and resolution carry their text: every other note may be internal.
/// </summary>
public static class PublicHistory
{
    public static bool IsPublic(CaseAction action) => action is CaseAction.Submit or CaseAction.Route or CaseAction.Dispatch
        or CaseAction.Acknowledge or CaseAction.Start or CaseAction.Reply or CaseAction.Resolve or CaseAction.Close
        or CaseAction.Reopen or CaseAction.AnswerAtFirstContact or CaseAction.TransferOut or CaseAction.PartnerOutcome
        or CaseAction.Callback;

    /// <summary>The entry's text as the public may read it: a reply's or resolution's note, otherwise none.</summary>
    public static string? PublicText(HistoryEntry entry) =>
        entry is { Action: CaseAction.Reply or CaseAction.Resolve } ? entry.Note : null;

    /// <summary>The public entries of a history, oldest first.</summary>
    public static IEnumerable<HistoryEntry> Of(IEnumerable<HistoryEntry> history) => history.Where(h => IsPublic(h.Action));

    /// <summary>The latest reply or resolution text (Open311's status_notes), if any.</summary>
    public static string? LatestReply(IEnumerable<HistoryEntry> history) =>
        history.LastOrDefault(h => PublicText(h) is { Length: > 0 }) is { } entry ? PublicText(entry) : null;
}
