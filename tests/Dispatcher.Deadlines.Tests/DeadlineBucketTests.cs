using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Deadlines.Tests;

/// <summary>The bucket rule (ADR-030): stable, the same as PostgreSQL's md5(), and a partition of the slots.</summary>
public sealed class DeadlineBucketTests
{
    [Theory]
    [InlineData("ZZ-20261201-000001", 1119)] // md5 hex 45f…
    [InlineData("A", 2044)]                  // md5 hex 7fc…
    [InlineData("hello", 1492)]              // md5 hex 5d4…
    public void A_slot_is_the_first_twelve_bits_of_the_id_s_md5(string id, int slot) => Assert.Equal(slot, DeadlineBucket.SlotOf(id));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(256)]
    public void The_buckets_of_a_count_share_out_every_slot_once_and_evenly(int count)
    {
        var slots = Enumerable.Range(0, count).SelectMany(b => new DeadlineBucket(b, count).SlotNumbers()).ToArray();
        Assert.Equal(Enumerable.Range(0, DeadlineBucket.Slots), slots.Order());
        var sizes = Enumerable.Range(0, count).Select(b => new DeadlineBucket(b, count).SlotNumbers().Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
    }

    [Fact]
    public void A_case_is_in_the_bucket_whose_slots_hold_its_slot()
    {
        foreach (var id in Enumerable.Range(0, 500).Select(i => $"ZZ-20261201-{i:D6}"))
        {
            var bucket = DeadlineBucket.Of(id, 16);
            Assert.True(bucket.Exists);
            Assert.Contains(DeadlineBucket.SlotOf(id), bucket.SlotNumbers());
        }
        Assert.False(new DeadlineBucket(16, 16).Exists); // left over from a larger count
    }
}
