using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Stats;
using Dispatcher.Storage;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Streams;

namespace Dispatcher.Grains.Departments;

/// <summary>
/// A department: applies case notices to its inbox and monthly counters (on the transition's own
/// call path), then publishes them on its stream for the department's own system.
/// Writes are group-committed (ADR-005) by the storage's <see cref="GroupCommit{T}"/> in its grain
/// form (ADR-016): the grain is reentrant, notices that arrive while a write is in flight are
/// applied in memory and stored together by the next write, and each caller's Apply completes only
/// once the write holding its notice has succeeded — so a case removes a notice from its outbox
/// only after it is durable.
/// What a write stores is the batch of notices it holds, appended to the department's journal
/// (ADR-007, ADR-011), not the whole ledger: the ledger (inbox + counters) is snapshotted only when
/// the journal has as many notices as the inbox has open cases, so a write's cost does not grow with
/// the number of open cases and a snapshot costs about one inbox entry per notice.
/// </summary>
[Reentrant]
public sealed class DepartmentGrain(
    [PersistentState("department", DispatcherNames.Storage)] IPersistentState<DepartmentLedger> snapshot,
    [PersistentState("department-journal", DispatcherNames.Storage)] IPersistentState<DepartmentJournal> legacyJournal,
    IDepartmentJournalStore journal,
    CityDirectory city,
    DeepCopier<DepartmentLedger> copier,
    ILogger<DepartmentGrain> logger) : Grain, IDepartmentGrain
{
    // Activation replays at most this many notices; below the minimum a snapshot is small anyway.
    private const int MinimumJournal = 256;
    private const int MaximumJournal = 16_384;
    // A stream message of this many events stays far below the memory stream cache's 1 MB blocks.
    private const int PublishChunk = 256;

    // Notices are applied to a working copy; a snapshot write stores a copy of it, so notices that
    // arrive while the storage provider is still serializing (the grain is reentrant) never touch
    // the object being written.
    private DepartmentLedger _working = null!;
    private DepartmentBook _book = null!;
    /// <summary>Notices journalled since the stored snapshot, and the number of the next journal batch.</summary>
    private int _journalled;
    private int _nextBatch;
    private IAsyncStream<DepartmentEvent>? _stream;

    /// <summary>
    /// The storage's group commit, in its grain form: writes run on this activation's scheduler
    /// (<see cref="Store"/> changes grain state), one write holds every notice applied since the last
    /// one began, events are published after their write, and a failed write stops it for good.
    /// </summary>
    private GroupCommit<DepartmentNotice> _writes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writes = GroupCommit<DepartmentNotice>.ForGrain(Write, Publish);
        _working = copier.Copy(snapshot.State);
        _book = new DepartmentBook(_working, city.MonthOf);
        // Before ADR-011 the journal was a grain state rewritten on every write: a department stored
        // that way still has its last notices there. They are replayed, and the next write takes a
        // snapshot, after which that state is of an older generation and ignored.
        if (legacyJournal.State.Generation == _working.Generation && legacyJournal.State.Notices.Count > 0)
        {
            foreach (var notice in legacyJournal.State.Notices) _book.Apply(notice);
            _journalled = MaximumJournal;
        }
        // Batches of an older generation were written before the snapshot that already holds them.
        var stored = await journal.Read(this.GetPrimaryKeyString(), _working.Generation, cancellationToken);
        foreach (var notice in stored.Notices) _book.Apply(notice);
        _journalled += stored.Notices.Count;
        _nextBatch = stored.NextBatch;
    }

    public async Task Apply(DepartmentNotice notice)
    {
        if (_writes.Failure is { } broken) throw new InvalidOperationException("The department's storage write failed; retry.", broken);
        // Already applied: durable once the write in flight and the next one (if any) are stored.
        if (!_book.Apply(notice)) await _writes.WhenWritten();
        else await _writes.Submit(notice);
    }

    /// <summary>
    /// A failed write leaves memory ahead of storage: the group commit fails every waiting caller
    /// (their cases keep the notices in their outboxes) and refuses further notices, and the next
    /// activation reloads from storage.
    /// </summary>
    private async Task Write(IReadOnlyList<DepartmentNotice> batch)
    {
        try
        {
            await Store(batch);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Stores a batch of notices: appended to the journal while it is shorter than the inbox, else
    /// as a snapshot of the whole ledger (which holds the batch) that starts the next generation. The
    /// older generations' batches are then dropped; if that fails they are only ignored on replay.
    /// </summary>
    private async Task Store(IReadOnlyList<DepartmentNotice> batch)
    {
        var id = this.GetPrimaryKeyString();
        var threshold = Math.Clamp(_book.OpenCount, MinimumJournal, MaximumJournal);
        if (_journalled < threshold)
        {
            await journal.Append(id, _working.Generation, _nextBatch, batch);
            _nextBatch++;
            _journalled += batch.Count;
            return;
        }
        // Notices of the next batch, applied meanwhile (the grain is reentrant), are in this snapshot
        // too; the next write journals them again in the new generation and replay ignores them.
        var next = _working.Generation + 1;
        var copy = copier.Copy(_working);
        copy.Generation = next;
        snapshot.State = copy;
        await snapshot.WriteStateAsync();
        _working.Generation = next;
        _journalled = 0;
        _nextBatch = 0;
        try
        {
            await journal.Trim(id, next);
        }
        catch (Exception ex)
        {
            DepartmentLog.TrimFailed(logger, ex, id);
        }
    }

    public Task<IReadOnlyList<InboxItem>> GetInbox() => Task.FromResult(_book.Inbox());

    public Task<DepartmentStats> GetStats(string month) => Task.FromResult(_book.Stats(this.GetPrimaryKeyString(), month));

    /// <summary>
    /// Publishes a stored batch, in order, as stream batches: one queue message for up to
    /// <see cref="PublishChunk"/> events instead of one each, and subscribers still receive them one
    /// by one. The stream is a notification, the inbox is the truth: a failed publish is logged, not
    /// retried (and never thrown, as the group commit requires).
    /// </summary>
    private async Task Publish(IReadOnlyList<DepartmentNotice> batch)
    {
        var id = this.GetPrimaryKeyString();
        foreach (var chunk in batch.Chunk(PublishChunk))
        {
            try
            {
                _stream ??= this.GetStreamProvider(DispatcherNames.StreamProvider)
                    .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, id));
                await _stream.OnNextBatchAsync(chunk.Select(n => new DepartmentEvent(id, n.CaseId, n.Sequence, n.Kind, n.At, n.Category, n.District, n.Note, n.Role)).ToArray());
            }
            catch (Exception ex)
            {
                DepartmentLog.PublishFailed(logger, ex, id, chunk.Length, chunk[0].CaseId);
            }
        }
    }
}

internal static partial class DepartmentLog
{
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Department {DepartmentId}: dropping journal batches older than the new snapshot failed; replay ignores them")]
    public static partial void TrimFailed(ILogger logger, Exception ex, string departmentId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Department {DepartmentId}: publishing {Count} notices (the first for case {CaseId}) failed; the inbox still holds them")]
    public static partial void PublishFailed(ILogger logger, Exception ex, string departmentId, int count, string caseId);
}
