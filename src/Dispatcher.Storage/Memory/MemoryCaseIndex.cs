using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Domain.Reports;
using Dispatcher.Storage.Ports;

namespace Dispatcher.Storage.Memory;

/// <summary>
/// The embedded mode's case index: one process, one dictionary, and the wake times in order per
/// deadline slot (ADR-012, ADR-030), so a bucket reads only its own slots.
/// </summary>
public sealed class MemoryCaseIndex : ICaseIndex
{
    private readonly Dictionary<string, CaseIndexRow> _rows = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset At, string Id)>?[] _wakes = new SortedSet<(DateTimeOffset, string)>?[DeadlineBucket.Slots];
    private readonly Lock _gate = new();

    public Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(row.Id, out var existing))
            {
                if (!row.Supersedes(existing)) return Task.CompletedTask;
                if (existing.WakeAt is { } old) _wakes[DeadlineBucket.SlotOf(row.Id)]?.Remove((old, existing.Id));
            }
            _rows[row.Id] = row;
            if (row.WakeAt is { } at) (_wakes[DeadlineBucket.SlotOf(row.Id)] ??= []).Add((at, row.Id));
        }
        return Task.CompletedTask;
    }

    public Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default)
    {
        List<CaseIndexRow> matches;
        lock (_gate) matches = _rows.Values.Where(r => query.Matches(r) && (!query.DifficultOnly || DifficultCaseRule.IsDifficult(r))).ToList();
        matches.Sort((a, b) => b.CreatedAt != a.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : StringComparer.Ordinal.Compare(a.Id, b.Id));
        var items = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToArray();
        return Task.FromResult(new CasePage(items, matches.Count, query.Page, query.PageSize));
    }

    public Task<IReadOnlyList<string>> DueForWake(DeadlineBucket bucket, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var due = new List<(DateTimeOffset At, string Id)>();
        lock (_gate)
        {
            foreach (var slot in bucket.SlotNumbers())
                if (_wakes[slot] is { } wakes) due.AddRange(wakes.TakeWhile(w => w.At <= now).Take(limit));
        }
        due.Sort();
        IReadOnlyList<string> ids = due.Take(limit).Select(w => w.Id).ToList();
        return Task.FromResult(ids);
    }
}
