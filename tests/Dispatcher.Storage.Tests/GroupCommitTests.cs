namespace Dispatcher.Storage.Tests;

/// <summary>The one group commit (ADR-016): every caller waits for the write holding its item.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Items_submitted_while_a_write_is_in_flight_are_stored_together_and_each_caller_completes_after_its_write()
    {
        var stored = new List<IReadOnlyList<int>>();
        var firstWrite = new TaskCompletionSource();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int>(async items =>
        {
            lock (stored) stored.Add(items);
            if (stored.Count == 1)
            {
                firstStarted.SetResult();
                await firstWrite.Task; // hold the first write open while more arrive
            }
        });

        var first = commit.Submit(0);
        // Bounded: a writer that never starts fails the test instead of hanging the suite.
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = Enumerable.Range(1, 50).Select(commit.Submit).ToArray();
        await Task.Delay(50);
        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(later, t => t.IsCompleted);

        firstWrite.SetResult();
        await Task.WhenAll(later.Append(first));
        Assert.Equal([0], stored[0]);
        Assert.Equal(Enumerable.Range(1, 50), stored.Skip(1).SelectMany(b => b));
        Assert.True(stored.Count <= 3, $"{stored.Count} writes for 51 items");
    }

    [Fact]
    public async Task A_failed_write_fails_every_caller_of_its_batch_and_later_items_are_still_written()
    {
        var calls = 0;
        var commit = new GroupCommit<string>(items =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database down") : Task.CompletedTask);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => commit.Submit("a"));
        Assert.Equal("database down", failed.Message);
        await commit.Submit("b");
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_grain_commit_writes_on_the_callers_scheduler_and_publishes_each_batch_before_the_next_write()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler; // one turn at a time, like a grain
        var log = new List<string>();
        var firstWrite = new TaskCompletionSource();
        var onScheduler = true;
        var commit = GroupCommit<int>.ForGrain(
            async items =>
            {
                onScheduler &= TaskScheduler.Current == scheduler;
                log.Add($"write {string.Join(",", items)}");
                if (log.Count == 1) await firstWrite.Task;
            },
            items =>
            {
                onScheduler &= TaskScheduler.Current == scheduler;
                log.Add($"published {string.Join(",", items)}");
                return Task.CompletedTask;
            });
        Task<TResult> OnGrain<TResult>(Func<TResult> turn) => Task.Factory.StartNew(turn, CancellationToken.None, TaskCreationOptions.None, scheduler);

        var first = await OnGrain(() => commit.Submit(1));
        var later = new List<Task>();
        foreach (var item in new[] { 2, 3, 4 }) later.Add(await OnGrain(() => commit.Submit(item)));
        var pending = await OnGrain(commit.WhenWritten);
        Assert.False(first.IsCompleted || pending.IsCompleted, "a caller was released while the first write was still in flight");

        firstWrite.SetResult();
        await Task.WhenAll(later.Append(first).Append(pending));
        Assert.Equal(["write 1", "published 1", "write 2,3,4", "published 2,3,4"], await OnGrain(() => log.ToList()));
        Assert.True(onScheduler, "a grain commit ran its write or after-write step off the grain's scheduler");
        Assert.True(commit.WhenWritten().IsCompletedSuccessfully, "nothing is pending after the last write");
    }

    [Fact]
    public async Task A_failed_grain_write_fails_everything_queued_and_refuses_later_items()
    {
        var firstWrite = new TaskCompletionSource();
        var writes = 0;
        var commit = GroupCommit<int>.ForGrain(async _ =>
        {
            if (++writes == 1) await firstWrite.Task;
        });

        var first = commit.Submit(1);
        var queued = commit.Submit(2);
        firstWrite.SetException(new InvalidOperationException("disk full"));

        Assert.Equal("disk full", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        Assert.Equal("disk full", (await Assert.ThrowsAsync<InvalidOperationException>(() => queued)).Message);
        Assert.Equal("disk full", commit.Failure?.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => commit.Submit(3));
        await Assert.ThrowsAsync<InvalidOperationException>(commit.WhenWritten);
        Assert.Equal(1, writes);
    }
}
