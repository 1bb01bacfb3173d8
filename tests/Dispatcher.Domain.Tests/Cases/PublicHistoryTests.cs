using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;

namespace Dispatcher.Domain.Tests.Cases;

/// <summary>What the public sees of a history (the citizen lookup and Open311 alike): steps, and only the department's answers as text.</summary>
public sealed class PublicHistoryTests
{
    private static HistoryEntry Entry(long sequence, CaseAction action, string? note) =>
        new(sequence, DateTimeOffset.UnixEpoch.AddMinutes(sequence), Actor.System, action, CaseStatus.Dispatched, CaseStatus.Dispatched, "d1", note, null);

    [Fact]
    public void Internal_steps_are_left_out_and_only_replies_and_resolutions_keep_their_text()
    {
        HistoryEntry[] history =
        [
            Entry(1, CaseAction.Submit, "via web"), Entry(2, CaseAction.Route, "rule r1"), Entry(3, CaseAction.Warn, "50 % of acknowledge"),
            Entry(4, CaseAction.Return, "not ours"), Entry(5, CaseAction.Dispatch, "agent: water main"), Entry(6, CaseAction.Acknowledge, "clerk note"),
            Entry(7, CaseAction.Overdue, null), Entry(8, CaseAction.Supervise, null), Entry(9, CaseAction.Reply, "Inspectors went"),
            Entry(10, CaseAction.Resolve, "Site fined"), Entry(11, CaseAction.Reopen, "citizen says it goes on"),
        ];

        var shown = PublicHistory.Of(history).ToArray();

        Assert.Equal([1L, 2, 5, 6, 9, 10, 11], shown.Select(h => h.Sequence));
        Assert.Equal([null, null, null, null, "Inspectors went", "Site fined", null], shown.Select(PublicHistory.PublicText));
        Assert.Equal("Site fined", PublicHistory.LatestReply(history));
        Assert.Null(PublicHistory.LatestReply(history[..8]));
    }
}
