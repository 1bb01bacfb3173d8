using System.Text;
using System.Text.RegularExpressions;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Tests.City;

public sealed partial class TrackingNumbersTests
{
    private static readonly TrackingNumbers Numbers = new("ZZ", Encoding.UTF8.GetBytes("test-secret"));

    [GeneratedRegex("^ZZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Shape();

    [Fact]
    public void A_random_number_has_the_city_prefix_and_three_groups_of_crockford_characters()
    {
        var id = Numbers.NewRandom();
        Assert.Matches(Shape(), id);
        Assert.True(Numbers.IsWellFormed(id), $"{id} should be well formed");
    }

    [Fact]
    public void The_same_scope_and_key_always_give_the_same_number()
    {
        var a = Numbers.FromIdempotencyKey("channel:wechat", "msg-42");
        var b = new TrackingNumbers("ZZ", Encoding.UTF8.GetBytes("test-secret")).FromIdempotencyKey("channel:wechat", "msg-42");
        Assert.Equal(a, b);
        Assert.Matches(Shape(), a);
        Assert.True(Numbers.IsWellFormed(a));
    }

    [Fact]
    public void Different_scopes_keys_or_secrets_give_different_numbers()
    {
        var a = Numbers.FromIdempotencyKey("channel:wechat", "msg-42");
        Assert.NotEqual(a, Numbers.FromIdempotencyKey("channel:app", "msg-42"));
        Assert.NotEqual(a, Numbers.FromIdempotencyKey("channel:wechat", "msg-43"));
        Assert.NotEqual(a, new TrackingNumbers("ZZ", Encoding.UTF8.GetBytes("other-secret")).FromIdempotencyKey("channel:wechat", "msg-42"));
    }

    [Fact]
    public void Random_numbers_are_unique_over_ten_thousand()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Numbers.NewRandom()).ToHashSet();
        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ZZ")]
    [InlineData("ZZ-K7Q4-M9XP-3TR")]
    [InlineData("ZZ-K7Q4-M9XP-3TRAA")]
    [InlineData("XX-K7Q4-M9XP-3TRA")]
    [InlineData("ZZ-K7Q4M-9XP-3TRA")]
    [InlineData("ZZ-K7Q4-M9XP-3TRU")]
    [InlineData("ZZ-K7Q4-M9XP-3TRI")]
    [InlineData("ZZ-k7q4-m9xp-3tra")]
    [InlineData("ZZ_K7Q4_M9XP_3TRA")]
    [InlineData("ZZ-K7Q4-M9XP-3TRA; DROP TABLE")]
    public void Junk_is_not_well_formed(string id)
    {
        Assert.False(Numbers.IsWellFormed(id), $"'{id}' must be rejected");
    }

    [Fact]
    public void A_hand_written_valid_number_is_well_formed()
    {
        Assert.True(Numbers.IsWellFormed("ZZ-K7Q4-M9XP-3TRA"));
    }
}
