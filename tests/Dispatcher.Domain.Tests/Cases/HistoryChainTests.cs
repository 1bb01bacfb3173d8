using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;

namespace Dispatcher.Domain.Tests.Cases;

public sealed class HistoryChainTests
{
    /// <summary>A closed case: Submit, Route, Acknowledge, Reply, Resolve, Close (sequences 1–6).</summary>
    private static CaseScenario Closed() => CaseScenario.In(CaseStatus.Closed);

    private static HistoryVerdict Verify(CaseScenario s, IEnumerable<HistoryEntry>? history = null) =>
        HistoryVerifier.Verify(CaseScenario.CaseId, (history ?? s.State.History).ToArray(), s.State.Status);

    private static List<HistoryEntry> Edit(CaseScenario s, long sequence, Func<HistoryEntry, HistoryEntry> change) =>
        s.State.History.Select(h => h.Sequence == sequence ? change(h) : h).ToList();

    [Fact]
    public void Every_appended_entry_is_hashed_and_an_untouched_history_verifies()
    {
        var s = Closed();

        Assert.All(s.State.History, h => Assert.Matches("^[0-9a-f]{64}$", h.Hash!));
        Assert.Equal(HistoryChain.HashOf(CaseScenario.CaseId, null, s.State.History[0]), s.State.History[0].Hash);
        Assert.Equal(new HistoryVerdict(true, 6, null, null), Verify(s));
    }

    [Fact]
    public void The_first_entry_chains_to_a_seed_of_its_own_case()
    {
        var s = Closed();
        var first = s.State.History[0];

        Assert.NotEqual(HistoryChain.Seed("ZZ-OTHER"), HistoryChain.Seed(CaseScenario.CaseId));
        Assert.False(HistoryVerifier.Verify("ZZ-OTHER", s.State.History, s.State.Status).Valid, "another case's seed must not verify this history");
        Assert.Equal(first.Hash, HistoryChain.HashOf(CaseScenario.CaseId, HistoryChain.Seed(CaseScenario.CaseId), first));
    }

    [Fact]
    public void The_encoding_is_pinned_by_a_known_hash()
    {
        var entry = new HistoryEntry(1, new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567),
            new Actor(ActorKind.Department, "clerk-1", "city-water"), CaseAction.Reply, CaseStatus.Acknowledged, CaseStatus.Replied,
            "city-water", "修好了; fixed", "clerk-1:k1");

        Assert.Equal(PinnedHash, HistoryChain.HashOf("ZZ-2026-0001", null, entry));
    }

    /// <summary>Computed independently from the encoding ADR-020 states (a few lines of Python), not by this code.</summary>
    private const string PinnedHash = "cade43f31de3371e8d14893147ba5c16e5a3e53c0dd64b3412e8e6a4bc636f2a";

    [Fact]
    public void An_entry_with_a_recorded_time_is_hashed_under_v2_pinned_by_a_known_hash()
    {
        // A deadline breach due at 02:00 and written 7.5 s later (ADR-030).
        var entry = new HistoryEntry(5, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), Actor.System, CaseAction.Overdue,
            CaseStatus.Dispatched, CaseStatus.Dispatched, "city-water", "acknowledge deadline passed", null,
            RecordedAt: new DateTimeOffset(2026, 12, 1, 2, 0, 7, 500, TimeSpan.Zero));

        Assert.Equal(PinnedRecordedHash, HistoryChain.HashOf("ZZ-2026-0001", null, entry));
        Assert.NotEqual(PinnedRecordedHash, HistoryChain.HashOf("ZZ-2026-0001", null, entry with { RecordedAt = null }));
    }

    /// <summary>Computed independently (the same Python as <see cref="PinnedHash"/>, tag v2 and the recorded time appended).</summary>
    private const string PinnedRecordedHash = "9ab58ce29b4ce33c50ccb0874d3389616729ee9c7ec9e4c16af42cceb2cf5a2d";

    [Fact]
    public void A_changed_or_dropped_recorded_time_names_its_entry()
    {
        var s = CaseScenario.In(CaseStatus.Dispatched);
        var last = s.State.History[^1];
        var warning = HistoryChain.Link(CaseScenario.CaseId, last, new HistoryEntry(last.Sequence + 1, last.At.AddMinutes(5), Actor.System,
            CaseAction.Warn, CaseStatus.Dispatched, CaseStatus.Dispatched, last.DepartmentId, "acknowledge deadline: 50 % of the time used", null,
            RecordedAt: last.At.AddMinutes(5).AddSeconds(3)));
        s.State.History.Add(warning);
        Assert.True(Verify(s).Valid);

        Assert.Equal(warning.Sequence, Verify(s, Edit(s, warning.Sequence, h => h with { RecordedAt = h.RecordedAt!.Value.AddSeconds(-3) })).FirstBrokenSequence);
        Assert.Equal(warning.Sequence, Verify(s, Edit(s, warning.Sequence, h => h with { RecordedAt = null })).FirstBrokenSequence);
    }

    [Fact]
    public void An_edited_note_names_its_entry()
    {
        var s = Closed();
        var verdict = Verify(s, Edit(s, 4, h => h with { Note = "Nothing to fix." }));
        Assert.Equal(new HistoryVerdict(false, 6, 4, "entry 4 does not match its hash"), verdict);
    }

    [Fact]
    public void An_edited_actor_names_its_entry()
    {
        var s = Closed();
        var verdict = Verify(s, Edit(s, 3, h => h with { Actor = h.Actor with { Id = "clerk-2" } }));
        Assert.Equal(3, verdict.FirstBrokenSequence);
        Assert.False(verdict.Valid);
    }

    [Fact]
    public void An_edited_time_by_one_tick_names_its_entry()
    {
        var s = Closed();
        var verdict = Verify(s, Edit(s, 5, h => h with { At = h.At.AddTicks(1) }));
        Assert.Equal(5, verdict.FirstBrokenSequence);
    }

    [Fact]
    public void Moving_a_value_from_one_field_to_the_next_changes_the_hash()
    {
        var s = Closed();
        var entry = s.State.History[2] with { DepartmentId = "x", Note = null };
        Assert.NotEqual(HistoryChain.HashOf("c", null, entry), HistoryChain.HashOf("c", null, entry with { DepartmentId = null, Note = "x" }));
        Assert.NotEqual(HistoryChain.HashOf("c", null, entry with { Note = "" }), HistoryChain.HashOf("c", null, entry));
    }

    [Fact]
    public void Swapped_entries_name_the_first_position_out_of_order()
    {
        var s = Closed();
        var history = s.State.History.ToList();
        (history[2], history[3]) = (history[3], history[2]);

        Assert.Equal(new HistoryVerdict(false, 6, 3, "entry 3 is out of order (found 4 in its place)"), Verify(s, history));
    }

    [Fact]
    public void A_deleted_entry_is_named_as_missing()
    {
        var s = Closed();
        var verdict = Verify(s, s.State.History.Where(h => h.Sequence != 4));
        Assert.Equal(new HistoryVerdict(false, 5, 4, "entry 4 is missing (found 5 in its place)"), verdict);
    }

    [Fact]
    public void A_deleted_last_entry_is_found_from_the_case_status()
    {
        var s = Closed();
        var verdict = Verify(s, s.State.History.SkipLast(1));
        Assert.Equal(6, verdict.FirstBrokenSequence);
        Assert.False(verdict.Valid);
    }

    [Fact]
    public void A_hash_removed_after_chained_entries_breaks_the_chain()
    {
        var s = Closed();
        var verdict = Verify(s, Edit(s, 5, h => h with { Hash = null }));
        Assert.Equal(new HistoryVerdict(false, 6, 5, "entry 5 has no hash after chained entries"), verdict);
    }

    [Fact]
    public void Entries_stored_before_chaining_are_reported_and_the_chain_starts_after_them()
    {
        var s = new CaseScenario();
        s.Submit();
        // As a case stored by an earlier build reads: its entries carry no hash.
        for (var i = 0; i < s.State.History.Count; i++) s.State.History[i] = s.State.History[i] with { Hash = null };
        s.Acknowledge();
        s.Reply();

        Assert.Equal(new HistoryVerdict(true, 4, null, "unchained entries before sequence 3"), Verify(s));
        Assert.Equal(3, Verify(s, Edit(s, 3, h => h with { Note = "edited" })).FirstBrokenSequence);
    }

    [Fact]
    public void A_history_stored_entirely_before_chaining_is_valid_and_says_so()
    {
        var s = new CaseScenario();
        s.Submit();
        var verdict = Verify(s, s.State.History.Select(h => h with { Hash = null }));
        Assert.Equal(new HistoryVerdict(true, 2, null, "no entry is chained (all were stored before chaining)"), verdict);
    }
}
