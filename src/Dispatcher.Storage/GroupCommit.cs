namespace Dispatcher.Storage;

/// <summary>
/// Group commit for small writes (ADR-005, ADR-008, ADR-011, ADR-016): callers submit items and
/// wait; one writer takes whatever has queued up (at most the batch size) and stores it with one
/// call, then completes every caller of that batch — or fails them, so each caller can retry as it
/// would after its own failed write. Under light load a batch is one item and costs what a single
/// write costs. At most one write is in flight; items that arrive meanwhile join the next one.
/// <para>
/// The one mechanism serves two kinds of writer, which differ only in where the write runs and what
/// a failure means:
/// </para>
/// <list type="bullet">
/// <item><description>
/// <b>Shared</b> (the constructor; the PostgreSQL adapters): one instance per silo, called by many
/// grains. The writer runs on the thread pool, never on a caller's scheduler — a grain's scheduler
/// must not run work that is not its own. A failed batch fails its callers only; later items are
/// written as usual.
/// </description></item>
/// <item><description>
/// <b>Grain</b> (<see cref="ForGrain"/>; DepartmentGrain): one instance per activation. The writer
/// runs on the scheduler of the caller that starts it — the grain's — so a write may read and change
/// grain state and call storage like any grain turn (the grain is reentrant, so callers join while a
/// write is in flight). The first failure fails everything queued and every later submission: the
/// grain's memory is ahead of its storage from then on, and only a reload can fix that.
/// </description></item>
/// </list>
/// </summary>
public sealed class GroupCommit<T>
{
    private sealed class Batch
    {
        public List<T> Items { get; } = [];
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly Func<IReadOnlyList<T>, Task>? _afterWrite;
    private readonly int _maxBatch;
    private readonly bool _onGrain;
    private readonly Queue<Batch> _queued = new();
    private readonly Lock _gate = new();
    /// <summary>The last queued batch, which new items join until it is full or taken by the writer.</summary>
    private Batch? _open;
    private Batch? _inFlight;
    private bool _writing;

    /// <summary>A shared group commit: writes on the thread pool, a failed batch fails its callers only.</summary>
    public GroupCommit(Func<IReadOnlyList<T>, Task> write, int maxBatch = 512)
        : this(write, afterWrite: null, maxBatch, onGrain: false)
    {
    }

    private GroupCommit(Func<IReadOnlyList<T>, Task> write, Func<IReadOnlyList<T>, Task>? afterWrite, int maxBatch, bool onGrain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        (_write, _afterWrite, _maxBatch, _onGrain) = (write, afterWrite, maxBatch, onGrain);
    }

    /// <summary>
    /// A grain's group commit: writes on the grain's scheduler, one batch holds everything queued, and
    /// the first failed write stops it. <paramref name="afterWrite"/> runs after a batch's callers are
    /// released and before the next batch is written (a grain publishes what it stored, in order); it
    /// must not throw.
    /// </summary>
    public static GroupCommit<T> ForGrain(Func<IReadOnlyList<T>, Task> write, Func<IReadOnlyList<T>, Task>? afterWrite = null) =>
        new(write, afterWrite, int.MaxValue, onGrain: true);

    /// <summary>Why a grain's group commit stopped; null while it works (and always for a shared one).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the write that holds <paramref name="item"/> has been stored.</summary>
    public Task Submit(T item)
    {
        Batch batch;
        bool start;
        lock (_gate)
        {
            if (Failure is { } failed) return Task.FromException(failed);
            if (_open is null || _open.Items.Count >= _maxBatch) _queued.Enqueue(_open = new Batch());
            _open.Items.Add(item);
            batch = _open;
            start = !_writing;
            _writing = true;
        }
        if (start) _ = _onGrain ? WriteLoop() : Task.Run(WriteLoop);
        return batch.Done.Task;
    }

    /// <summary>Completes when everything submitted so far has been stored (at once when nothing is pending).</summary>
    public Task WhenWritten()
    {
        lock (_gate)
            return Failure is { } failed ? Task.FromException(failed) : (_open ?? _inFlight)?.Done.Task ?? Task.CompletedTask;
    }

    /// <summary>Writes while anything is queued; each write takes the oldest batch.</summary>
    private async Task WriteLoop()
    {
        while (true)
        {
            Batch batch;
            lock (_gate)
            {
                if (!_queued.TryDequeue(out batch!))
                {
                    _writing = false;
                    return;
                }
                if (ReferenceEquals(batch, _open)) _open = null;
                _inFlight = batch;
            }
            try
            {
                await _write(batch.Items);
            }
            catch (Exception ex)
            {
                if (Fail(batch, ex)) return;
                continue;
            }
            lock (_gate) _inFlight = null;
            batch.Done.TrySetResult();
            if (_afterWrite is not null) await _afterWrite(batch.Items);
        }
    }

    /// <summary>Fails the batch's callers; a grain's commit also fails all that is queued and stops. True when stopped.</summary>
    private bool Fail(Batch batch, Exception ex)
    {
        Batch[] dropped = [];
        lock (_gate)
        {
            _inFlight = null;
            if (_onGrain)
            {
                Failure = ex;
                dropped = [.. _queued];
                _queued.Clear();
                _open = null;
                _writing = false;
            }
        }
        batch.Done.TrySetException(ex);
        foreach (var b in dropped) b.Done.TrySetException(ex);
        return _onGrain;
    }
}
