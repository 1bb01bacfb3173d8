using System.Threading.Channels;

namespace Dispatcher.Host.Postgres;

/// <summary>
/// Group commit for small writes: callers submit items and wait; one writer loop takes whatever has
/// queued up (at most <paramref name="maxBatch"/>) and stores it with one call, then completes every
/// caller of that batch — or fails them all, so each caller can retry as it would after its own
/// failed write. Under light load a batch is one item and costs what a single write costs.
/// </summary>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> write, int maxBatch = 512)
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    public Task Submit(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((item, done));
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(WriteLoop);
        return done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<(T Item, TaskCompletionSource Done)>(maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await write(batch.Select(b => b.Item).ToArray());
                foreach (var b in batch) b.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var b in batch) b.Done.TrySetException(ex);
            }
        }
    }
}
