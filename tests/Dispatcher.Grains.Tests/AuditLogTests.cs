using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Audit;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// The admin audit log (ADR-023) on a real cluster: every change of the versioned singletons lands in
/// the one chained log with who made it; the log is shared, so tests look at the entries they made.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditLogTests(ClusterFixture fixture)
{
    private IAuditLogGrain Log => fixture.Grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey);

    private async Task<AuditEntry> Latest(AuditKind kind) =>
        (await Log.List(new AuditQuery(kind, PageSize: 1))).Items.Single();

    private async Task AssertVerifies()
    {
        var verdict = AuditVerifier.Verify(await Log.Entries());
        Assert.True(verdict.Valid, $"audit log: {verdict.Reason}");
    }

    [Fact]
    public async Task A_rule_edit_by_an_admin_is_appended_with_the_admin_the_version_and_what_changed()
    {
        var table = fixture.Grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);
        var rules = (await table.Get()).Rules.ToList();
        var first = rules[0];
        rules[0] = first with { Description = "edited by the audit test" };

        var edited = await table.Replace(rules, null, Cases.Admin);
        var entry = await Latest(AuditKind.Rules);
        var restored = await table.Replace((await table.Get()).Rules.Select(r => r.Id == first.Id ? first : r).ToArray(), null, Cases.Admin);
        var back = await Latest(AuditKind.Rules);

        Assert.Equal(("Admin:admin-1", edited.Version, $"{rules.Count} rules (changed {first.Id})"), (entry.By, entry.Version, entry.Summary));
        Assert.Equal((restored.Version, entry.Sequence + 1), (back.Version, back.Sequence));
        Assert.Equal(entry.Hash, (await Log.Entries()).Single(e => e.Sequence == entry.Sequence).Hash);
        await AssertVerifies();
    }

    [Fact]
    public async Task Knowledge_and_hotline_changes_are_appended_and_a_refused_edit_appends_nothing()
    {
        var knowledge = fixture.Grains.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey);
        var id = "kb-audit-" + Guid.NewGuid().ToString("N")[..6];
        var original = (await knowledge.Get()).Entries;
        var entries = original.Append(new KnowledgeEntry(id, "heating", "Heating", "From 15 November.", ["heating"])).ToArray();
        var before = (await Log.Entries()).Count;

        await Assert.ThrowsAsync<ForbiddenActionException>(() => knowledge.Replace(entries, null, Cases.NewAgent()));
        Assert.Equal(before, (await Log.Entries()).Count);

        var snapshot = await knowledge.Replace(entries, null, Cases.Admin);
        var kb = await Latest(AuditKind.Knowledge);
        await knowledge.Replace(original, null, Cases.Admin);
        Assert.Equal(("Admin:admin-1", snapshot.Version, $"{entries.Length} entries (added {id})"), (kb.By, kb.Version, kb.Summary));

        var line = new HotlineLine("audit-" + id, "0371-96" + Random.Shared.Next(100, 999), "Audit test line", LineKind.Temporary,
            Temporary: new TemporaryTerms("mayor's office", "ZZ-2026-99", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)));
        var registry = await fixture.Grains.GetGrain<IHotlineRegistryGrain>(DispatcherNames.SingletonKey).Register(line, Cases.Admin);
        var hotline = await Latest(AuditKind.Hotlines);
        Assert.Equal(registry.Version, hotline.Version);
        Assert.StartsWith($"registered temporary line {line.Id}: {line.Number} 2026-12-01–2026-12-31, approved by mayor's office", hotline.Summary);
        await AssertVerifies();
    }

    [Fact]
    public async Task An_edit_stored_while_the_log_is_unreachable_succeeds_and_reaches_the_log_later()
    {
        var knowledge = fixture.Grains.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey);
        var admin = new Actor(ActorKind.Admin, FlakyAuditFilter.Prefix + Guid.NewGuid().ToString("N")[..8]);
        var entries = (await knowledge.Get()).Entries;

        var snapshot = await knowledge.Replace(entries, null, admin);
        Assert.DoesNotContain(await Log.Entries(), e => e.By == admin.ToString()); // the first append failed; a timer retries in 2 s

        await Cases.Eventually(async () => (await Log.Entries()).Any(e => e.Kind == AuditKind.Knowledge && e.Version == snapshot.Version && e.By == admin.ToString()),
            $"knowledge version {snapshot.Version} by {admin} in the audit log");
        Assert.Single(await Log.Entries(), e => e.Kind == AuditKind.Knowledge && e.Version == snapshot.Version);
        await AssertVerifies();
    }

    [Fact]
    public async Task A_change_delivered_twice_is_one_entry_and_account_changes_without_a_version_are_numbered()
    {
        var at = DateTimeOffset.UtcNow;
        var version = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        var change = new AuditChange(AuditKind.Accounts, "Admin:admin-1", at, "account clerk-9 created (department@city-water)", version);

        var first = await Log.Append(change);
        var again = await Log.Append(change);
        var next = await Log.Append(new AuditChange(AuditKind.Accounts, "Admin:admin-1", at, "account clerk-9 disabled"));

        Assert.Equal(first, again);
        Assert.Single(await Log.Entries(), e => e.Kind == AuditKind.Accounts && e.Version == version);
        Assert.Equal((first.Sequence + 1, version + 1), (next.Sequence, next.Version));
        await AssertVerifies();
    }

    [Fact]
    public async Task The_api_key_set_is_recorded_when_it_changes_by_name_and_role_only()
    {
        var name = "key-" + Guid.NewGuid().ToString("N")[..6];
        ApiKeyAccount[] keys = [new("ops", "admin"), new(name, "agent")];
        await Log.RecordApiKeys(keys, "configuration");

        Assert.Null(await Log.RecordApiKeys(keys.Reverse().ToArray(), "configuration"));
        var changed = await Log.RecordApiKeys([new("ops", "admin"), new(name, "supervisor")], "configuration");

        Assert.NotNull(changed);
        Assert.Equal((AuditKind.Accounts, "configuration", $"API keys: role changed {name} (agent → supervisor)"), (changed.Kind, changed.By, changed.Summary));
        Assert.Equal(changed, await Latest(AuditKind.Accounts));
    }

    [Fact]
    public async Task The_list_filters_by_kind_and_time_and_pages_newest_first()
    {
        var rules = fixture.Grains.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await rules.Replace((await rules.Get()).Rules, null, Cases.Admin);
        await rules.Replace((await rules.Get()).Rules, null, Cases.Admin);

        var page1 = await Log.List(new AuditQuery(AuditKind.Rules, From: from, PageSize: 1));
        var page2 = await Log.List(new AuditQuery(AuditKind.Rules, From: from, Page: 2, PageSize: 1));
        var none = await Log.List(new AuditQuery(AuditKind.Rules, From: from, To: from));

        Assert.True(page1.Total >= 2, $"total {page1.Total}");
        Assert.True(page1.Items[0].Sequence > page2.Items[0].Sequence, "newest first");
        Assert.All(page1.Items.Concat(page2.Items), e => Assert.Equal(AuditKind.Rules, e.Kind));
        Assert.Empty(none.Items);
    }
}
