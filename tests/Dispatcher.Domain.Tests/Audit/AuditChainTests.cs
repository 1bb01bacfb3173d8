using Dispatcher.Abstractions.Audit;
using Dispatcher.Domain.Audit;

namespace Dispatcher.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 30, 0, TimeSpan.FromHours(8));

    /// <summary>Four linked entries: rules, hotlines, knowledge, accounts.</summary>
    private static List<AuditEntry> Log()
    {
        var log = new List<AuditEntry>();
        foreach (var (kind, summary) in new[] { (AuditKind.Rules, "12 rules (added noise-x)"), (AuditKind.Hotlines, "registered flood-line"),
                     (AuditKind.Knowledge, "3 entries (changed kb-1)"), (AuditKind.Accounts, "API keys: removed old-key") })
            log.Add(AuditChain.Link(log.Count == 0 ? null : log[^1], new AuditChange(kind, "Admin:admin", At.AddMinutes(log.Count), summary), log.Count + 1));
        return log;
    }

    [Fact]
    public void A_linked_log_verifies_and_each_entry_chains_to_the_one_before()
    {
        var log = Log();

        Assert.Equal([1L, 2, 3, 4], log.Select(e => e.Sequence));
        Assert.All(log, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(AuditChain.HashOf(null, log[0]), AuditChain.HashOf(AuditChain.Seed, log[0]));
        Assert.Equal(AuditChain.HashOf(log[1].Hash, log[2]), log[2].Hash);
        Assert.Equal(new AuditVerdict(true, 4, null, null), AuditVerifier.Verify(log));
        Assert.Equal(new AuditVerdict(true, 0, null, null), AuditVerifier.Verify([]));
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("by")]
    [InlineData("at")]
    [InlineData("kind")]
    [InlineData("version")]
    public void An_edited_field_is_named_as_the_first_broken_entry(string field)
    {
        var log = Log();
        var e = log[2];
        log[2] = field switch
        {
            "summary" => e with { Summary = "3 entries, none changed" },
            "by" => e with { By = "seed" },
            "at" => e with { At = e.At.AddTicks(1) },
            "kind" => e with { Kind = AuditKind.Rules },
            _ => e with { Version = 9 },
        };

        Assert.Equal(new AuditVerdict(false, 4, 3, "entry 3 does not match its hash"), AuditVerifier.Verify(log));
    }

    [Fact]
    public void A_deleted_entry_and_reordered_entries_are_named()
    {
        var deleted = Log();
        deleted.RemoveAt(1);
        Assert.Equal(new AuditVerdict(false, 3, 2, "entry 2 is missing (found 3 in its place)"), AuditVerifier.Verify(deleted));

        var swapped = Log();
        (swapped[1], swapped[2]) = (swapped[2], swapped[1]);
        Assert.Equal(new AuditVerdict(false, 4, 2, "entry 2 is out of order (found 3 in its place)"), AuditVerifier.Verify(swapped));
    }

    [Fact]
    public void Dropping_the_newest_entries_of_a_kind_shows_against_the_version_its_table_is_at()
    {
        var log = new List<AuditEntry>();
        foreach (var (kind, version) in new[] { (AuditKind.Rules, 7L), (AuditKind.Knowledge, 3L), (AuditKind.Rules, 8L) })
            log.Add(AuditChain.Link(log.Count == 0 ? null : log[^1], new AuditChange(kind, "Admin:admin", At.AddMinutes(log.Count), "edit"), version));
        // The hotline registry has not changed since the log began (no entry): nothing to compare.
        var heads = new Dictionary<AuditKind, long> { [AuditKind.Rules] = 8, [AuditKind.Hotlines] = 5, [AuditKind.Knowledge] = 3 };
        Assert.Equal(new AuditVerdict(true, 3, null, null), AuditVerifier.Verify(log, heads));

        log.RemoveAt(2);
        Assert.Equal(new AuditVerdict(false, 2, 3, "the rules are at version 8 but its last entry, 1, is version 7: later entries are missing"),
            AuditVerifier.Verify(log, heads));
    }

    [Fact]
    public void An_entry_rehashed_alone_after_an_edit_breaks_the_next_link()
    {
        var log = Log();
        var edited = log[1] with { Summary = "nothing happened" };
        log[1] = edited with { Hash = AuditChain.HashOf(log[0].Hash, edited) };

        Assert.Equal(new AuditVerdict(false, 4, 3, "entry 3 does not match its hash"), AuditVerifier.Verify(log));
    }

    [Fact]
    public void The_encoding_is_pinned_by_a_known_hash()
    {
        var entry = new AuditEntry(1, At.AddTicks(1234567), AuditKind.Hotlines, "Admin:admin", "registered temporary line flood-line: 0371-96000; 修好了", 4, "");

        Assert.Equal(PinnedSeed, AuditChain.Seed);
        Assert.Equal(PinnedHash, AuditChain.HashOf(null, entry));
    }

    /// <summary>Computed independently from the encoding ADR-023 states (a few lines of Python), not by this code.</summary>
    private const string PinnedSeed = "77c85b5dc01b622081ca4bf3ab7275252b6c23e779f4e984b10a91e5e4fc2741";
    private const string PinnedHash = "496711777e516684bee783f51f5a990a3c03fa8a845b632de02a27553555cd71";
}
