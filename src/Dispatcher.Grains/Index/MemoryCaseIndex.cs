using System.Collections.Concurrent;
using Dispatcher.Cases;

namespace Dispatcher.Index;

/// <summary>The embedded mode's case index: one process, one dictionary.</summary>
public sealed class MemoryCaseIndex : ICaseIndex
{
    private readonly ConcurrentDictionary<string, CaseIndexRow> _rows = new(StringComparer.Ordinal);

    public Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate(row.Id, row, (_, existing) => existing.Version >= row.Version ? existing : row);
        return Task.CompletedTask;
    }

    public Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default)
    {
        var matches = _rows.Values.Where(query.Matches)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var items = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToArray();
        return Task.FromResult(new CasePage(items, matches.Count, query.Page, query.PageSize));
    }
}
