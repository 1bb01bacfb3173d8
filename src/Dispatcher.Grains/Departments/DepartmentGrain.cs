using Dispatcher.City;
using Dispatcher.Departments;
using Dispatcher.Stats;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Streams;

namespace Dispatcher.Grains.Departments;

/// <summary>
/// A department: applies case notices to its inbox and monthly counters (on the transition's own
/// call path), then publishes them on its stream for the department's own system.
/// Writes are group-committed (ADR-005): the grain is reentrant, notices that arrive while a write
/// is in flight are applied in memory and stored together by the next write, and each caller's
/// Apply completes only once the write holding its notice has succeeded — so a case removes a
/// notice from its outbox only after it is durable.
/// What a write stores is a journal of the notices since the last snapshot, not the whole ledger
/// (ADR-007): the ledger (inbox + counters) is snapshotted only when the journal has grown to about
/// the square root of the inbox, so a write's cost no longer grows with the number of open cases.
/// </summary>
[Reentrant]
public sealed class DepartmentGrain(
    [PersistentState("department", DispatcherNames.Storage)] IPersistentState<DepartmentLedger> snapshot,
    [PersistentState("department-journal", DispatcherNames.Storage)] IPersistentState<DepartmentJournal> journal,
    CityDirectory city,
    DeepCopier<DepartmentLedger> copier,
    ILogger<DepartmentGrain> logger) : Grain, IDepartmentGrain
{
    private const int MinimumJournal = 64;
    private const int MaximumJournal = 4096;

    // Notices are applied to a working copy; a snapshot write stores a copy of it, so notices that
    // arrive while the storage provider is still serializing (the grain is reentrant) never touch
    // the object being written.
    private DepartmentLedger _working = null!;
    private DepartmentBook _book = null!;
    /// <summary>Every notice applied since the stored snapshot, in order (what the next journal write stores).</summary>
    private List<DepartmentNotice> _sinceSnapshot = [];
    private IAsyncStream<DepartmentEvent>? _stream;

    /// <summary>Completes when the next write (holding every notice applied since the last one) is stored.</summary>
    private TaskCompletionSource? _nextWrite;
    /// <summary>The write being stored right now.</summary>
    private TaskCompletionSource? _inFlight;
    private List<DepartmentNotice> _nextEvents = [];
    private bool _writing;
    private Exception? _broken;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _working = copier.Copy(snapshot.State);
        _book = new DepartmentBook(_working, city.MonthOf);
        // A journal of an older generation was written before the snapshot that already holds it.
        if (journal.State.Generation == _working.Generation)
        {
            foreach (var notice in journal.State.Notices) _book.Apply(notice);
            _sinceSnapshot = [.. journal.State.Notices];
        }
        return Task.CompletedTask;
    }

    public async Task Apply(DepartmentNotice notice)
    {
        if (_broken is not null) throw new InvalidOperationException("The department's storage write failed; retry.", _broken);
        if (!_book.Apply(notice))
        {
            // Already applied: durable once the write in flight and the next one (if any) are stored.
            if ((_nextWrite ?? _inFlight) is { } pending) await pending.Task;
            return;
        }
        _nextEvents.Add(notice);
        _sinceSnapshot.Add(notice);
        var write = _nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = WriteLoop();
        await write.Task;
    }

    /// <summary>Writes while there is something unwritten; one write covers every notice applied before it started.</summary>
    private async Task WriteLoop()
    {
        _writing = true;
        try
        {
            while (_nextWrite is { } batch)
            {
                var events = _nextEvents;
                _inFlight = batch;
                _nextWrite = null;
                _nextEvents = [];
                try
                {
                    await Store();
                }
                catch (Exception ex)
                {
                    // Memory is now ahead of storage: refuse further notices, fail every waiting caller
                    // (their cases keep the notices in their outboxes) and reload on the next activation.
                    _broken = ex;
                    batch.TrySetException(ex);
                    _nextWrite?.TrySetException(ex);
                    DeactivateOnIdle();
                    return;
                }
                batch.TrySetResult();
                _inFlight = null;
                foreach (var e in events) await Publish(e);
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>
    /// Stores every notice applied so far: as a journal write while the journal is short, else as a
    /// snapshot of the whole ledger followed by an empty journal of the next generation. A crash
    /// between the two leaves an older-generation journal, which activation ignores.
    /// </summary>
    private async Task Store()
    {
        var threshold = Math.Clamp((int)Math.Sqrt(16.0 * _book.OpenCount), MinimumJournal, MaximumJournal);
        if (_sinceSnapshot.Count < threshold)
        {
            // A copy: notices applied while this write is serialized (the grain is reentrant) must not change it.
            journal.State = new DepartmentJournal { Generation = _working.Generation, Notices = [.. _sinceSnapshot] };
            await journal.WriteStateAsync();
            return;
        }
        // Everything applied up to here (including notices of the next batch, applied meanwhile) is in
        // the snapshot; those later notices are journalled again by the next write and ignored on replay.
        var next = _working.Generation + 1;
        var copy = copier.Copy(_working);
        copy.Generation = next;
        snapshot.State = copy;
        await snapshot.WriteStateAsync();
        _working.Generation = next;
        _sinceSnapshot = [.. _nextEvents];
        journal.State = new DepartmentJournal { Generation = next, Notices = [] };
        await journal.WriteStateAsync();
    }

    public Task<IReadOnlyList<InboxItem>> GetInbox() => Task.FromResult(_book.Inbox());

    public Task<DepartmentStats> GetStats(string month) => Task.FromResult(_book.Stats(this.GetPrimaryKeyString(), month));

    /// <summary>The stream is a notification, the inbox is the truth: a failed publish is logged, not retried.</summary>
    private async Task Publish(DepartmentNotice n)
    {
        var id = this.GetPrimaryKeyString();
        try
        {
            _stream ??= this.GetStreamProvider(DispatcherNames.StreamProvider)
                .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, id));
            await _stream.OnNextAsync(new DepartmentEvent(id, n.CaseId, n.Sequence, n.Kind, n.At, n.Category, n.District, n.Note));
        }
        catch (Exception ex)
        {
            DepartmentLog.PublishFailed(logger, ex, id, n.CaseId, n.Kind);
        }
    }
}

internal static partial class DepartmentLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Department {DepartmentId}: publishing {Kind} of case {CaseId} failed; the inbox still holds it")]
    public static partial void PublishFailed(ILogger logger, Exception ex, string departmentId, string caseId, DepartmentNoticeKind kind);
}
