using Dispatcher.Host.Postgres;

namespace Dispatcher.Api.Tests;

/// <summary>The case index's group commit: every caller waits for the write holding its item.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Items_submitted_while_a_write_is_in_flight_are_stored_together_and_each_caller_completes_after_its_write()
    {
        var stored = new List<IReadOnlyList<int>>();
        var firstWrite = new TaskCompletionSource();
        var commit = new GroupCommit<int>(async items =>
        {
            lock (stored) stored.Add(items);
            if (stored.Count == 1) await firstWrite.Task; // hold the first write open while more arrive
        });

        var first = commit.Submit(0);
        while (stored.Count == 0) await Task.Delay(5);
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
}
