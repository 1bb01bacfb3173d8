using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Domain.Audit;

namespace Dispatcher.Grains.Audit;

/// <summary>
/// The city's admin audit log (ADR-023): rule, hotline, knowledge-base and account changes in one
/// hash-chained list. Admin changes are rare (a few a day), so one grain holds the whole list.
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit", DispatcherNames.Storage)] IPersistentState<AuditLogState> state,
    TimeProvider clock) : Grain, IAuditLogGrain
{
    private List<AuditEntry> Log => state.State.Entries;

    public async Task<AuditEntry> Append(AuditChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Version is { } version && Log.FindLast(e => e.Kind == change.Kind && e.Version == version) is { } recorded) return recorded;
        var entry = AuditChain.Link(Log.Count == 0 ? null : Log[^1], change, change.Version ?? (Log.FindLast(e => e.Kind == change.Kind)?.Version ?? 0) + 1);
        Log.Add(entry);
        await state.WriteOrReload(this);
        return entry;
    }

    public async Task<AuditEntry?> RecordApiKeys(IReadOnlyList<ApiKeyAccount> keys, string by)
    {
        var current = ApiKeyChanges.Normalize(keys);
        if (ApiKeyChanges.Describe(state.State.ApiKeys, current) is not { } summary) return null;
        state.State.ApiKeys = new(current, StringComparer.Ordinal);
        return await Append(new AuditChange(AuditKind.Accounts, by, clock.GetUtcNow(), summary));
    }

    public Task<AuditPage> List(AuditQuery query)
    {
        var matches = Log.Where(query.Matches).Reverse().ToArray();
        IReadOnlyList<AuditEntry> items = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToArray();
        return Task.FromResult(new AuditPage(items, matches.Length, query.Page, query.PageSize));
    }

    public Task<IReadOnlyList<AuditEntry>> Entries() => Task.FromResult<IReadOnlyList<AuditEntry>>(Log.ToArray());
}
