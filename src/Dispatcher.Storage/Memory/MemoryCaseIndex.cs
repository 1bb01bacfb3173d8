using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Domain.Reports;
using Dispatcher.Storage.Ports;

namespace Dispatcher.Storage.Memory;

/// <summary>
/// The embedded mode's case index: one process, rows in dictionaries and the wake times in order per
/// deadline slot (ADR-012, ADR-030), so a bucket reads only its own slots. The rows are split into
/// stripes by deadline slot, each with its own lock: every case write upserts its row, and one lock
/// for the whole index was the most contended lock of an intake under load.
/// </summary>
public sealed class MemoryCaseIndex : ICaseIndex
{
    /// <summary>A power of two that divides <see cref="DeadlineBucket.Slots"/>: a slot's stripe is slot mod this.</summary>
    private const int StripeCount = 64;

    private sealed class Stripe
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<string, CaseIndexRow> Rows = new(StringComparer.Ordinal);
        /// <summary>Wake times of this stripe's slots, by slot / <see cref="StripeCount"/>.</summary>
        public readonly SortedSet<(DateTimeOffset At, string Id)>?[] Wakes = new SortedSet<(DateTimeOffset, string)>?[DeadlineBucket.Slots / StripeCount];
    }

    private readonly Stripe[] _stripes = Enumerable.Range(0, StripeCount).Select(_ => new Stripe()).ToArray();

    public Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default)
    {
        var slot = DeadlineBucket.SlotOf(row.Id);
        var stripe = _stripes[slot % StripeCount];
        var wakes = slot / StripeCount;
        lock (stripe.Gate)
        {
            if (stripe.Rows.TryGetValue(row.Id, out var existing))
            {
                if (!row.Supersedes(existing)) return Task.CompletedTask;
                if (existing.WakeAt is { } old) stripe.Wakes[wakes]?.Remove((old, existing.Id));
            }
            stripe.Rows[row.Id] = row;
            if (row.WakeAt is { } at) (stripe.Wakes[wakes] ??= []).Add((at, row.Id));
        }
        return Task.CompletedTask;
    }

    public Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default)
    {
        var matches = new List<CaseIndexRow>();
        foreach (var stripe in _stripes)
            lock (stripe.Gate) matches.AddRange(stripe.Rows.Values.Where(r => query.Matches(r) && (!query.DifficultOnly || DifficultCaseRule.IsDifficult(r))));
        var newestFirst = query.OldestFirst ? -1 : 1;
        matches.Sort((a, b) => b.CreatedAt != a.CreatedAt ? newestFirst * b.CreatedAt.CompareTo(a.CreatedAt) : StringComparer.Ordinal.Compare(a.Id, b.Id));
        var items = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToArray();
        return Task.FromResult(new CasePage(items, matches.Count, query.Page, query.PageSize));
    }

    public Task<IReadOnlyList<string>> DueForWake(DeadlineBucket bucket, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var due = new List<(DateTimeOffset At, string Id)>();
        foreach (var slot in bucket.SlotNumbers())
        {
            var stripe = _stripes[slot % StripeCount];
            lock (stripe.Gate)
                if (stripe.Wakes[slot / StripeCount] is { } wakes) due.AddRange(wakes.TakeWhile(w => w.At <= now).Take(limit));
        }
        due.Sort();
        IReadOnlyList<string> ids = due.Take(limit).Select(w => w.Id).ToList();
        return Task.FromResult(ids);
    }
}
