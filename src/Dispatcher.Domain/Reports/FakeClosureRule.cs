using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Reports;

/// <summary>What the history of a case shows of a suspected fake closure (虚假办结).</summary>
public sealed record FakeClosureSigns(bool ResolvedWithoutReply, bool SatisfiedWithoutAcknowledge);

/// <summary>
/// Suspected fake closure (虚假办结, R8): a case resolved without any reply from the department that
/// held it, or a callback marked satisfied (or basically satisfied, which closes it too) on a case
/// that department never acknowledged — each within one assignment (from the route or dispatch that
/// gave it the case). The one statement of the rule: the case grain computes the signs from its
/// history for the case index, and the quarterly review gives the reasons from the index row.
/// Once shown, a sign stays: a later proper handling does not undo that the case was closed unseen.
/// </summary>
public static class FakeClosureRule
{
    public const string ResolvedWithoutReplyReason = "suspected fake closure: resolved without a reply from the department";
    public const string SatisfiedWithoutAcknowledgeReason = "suspected fake closure: callback marked satisfied but the department never acknowledged";

    public static FakeClosureSigns Find(IReadOnlyList<HistoryEntry> history)
    {
        bool acknowledged = false, replied = false, resolvedWithoutReply = false, satisfiedWithoutAcknowledge = false;
        // By index: every stored write of a case reads this, and an interface foreach would box an enumerator.
        for (var i = 0; i < history.Count; i++)
        {
            var entry = history[i];
            switch (entry.Action)
            {
                case CaseAction.Route or CaseAction.Dispatch when entry.To == CaseStatus.Dispatched:
                    acknowledged = replied = false;
                    break;
                case CaseAction.Acknowledge:
                    acknowledged = true;
                    break;
                case CaseAction.Reply:
                    replied = true;
                    break;
                case CaseAction.Resolve:
                    resolvedWithoutReply |= !replied;
                    break;
                case CaseAction.Callback when entry.To == CaseStatus.Closed:
                    satisfiedWithoutAcknowledge |= !acknowledged;
                    break;
            }
        }
        return new(resolvedWithoutReply, satisfiedWithoutAcknowledge);
    }

    public static bool IsSuspected(CaseIndexRow row) => row.ResolvedWithoutReply || row.SatisfiedWithoutAcknowledge;

    /// <summary>Why the case is a suspected fake closure, in the review's words; empty when it is not.</summary>
    public static string[] ReasonsFor(CaseIndexRow row) =>
        new[]
        {
            row.ResolvedWithoutReply ? ResolvedWithoutReplyReason : null,
            row.SatisfiedWithoutAcknowledge ? SatisfiedWithoutAcknowledgeReason : null,
        }.OfType<string>().ToArray();
}
